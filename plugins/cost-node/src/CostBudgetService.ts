import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { PluginRequests } from '@internal/plugin-mlp-node';
import type {
  BudgetCheck,
  BudgetCheckResult,
} from '@internal/plugin-cost-common';

/** Checks planned jobs against their team's budget, for backend code outside the cost plugin. */
export interface CostBudgetService {
  /**
   * Estimates the job and reserves the estimate, on behalf of `credentials` (a user must be a
   * member of the team). Throws a ResponseError: 409 when the budget cannot hold it, with the
   * figures in its message; 400 for bad input; 403 when the caller may not spend for the team.
   */
  check(
    input: BudgetCheck,
    options: { credentials: BackstageCredentials },
  ): Promise<BudgetCheckResult>;

  /**
   * Gives a reservation back, e.g. when what it was made for could not be created after all.
   * Only its maker or a platform keeper may release it.
   */
  release(
    reservationId: string,
    options: { credentials: BackstageCredentials },
  ): Promise<void>;
}

/** Talks to the cost backend's REST API, with a token for the caller. */
export class DefaultCostBudgetService implements CostBudgetService {
  private readonly cost: PluginRequests;

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.cost = new PluginRequests('cost', { discovery, auth });
  }

  check(
    input: BudgetCheck,
    options: { credentials: BackstageCredentials },
  ): Promise<BudgetCheckResult> {
    return this.cost.request('/budget-checks', options.credentials, {
      method: 'POST',
      body: input,
    });
  }

  async release(
    reservationId: string,
    options: { credentials: BackstageCredentials },
  ): Promise<void> {
    await this.cost.request(
      `/reservations/${encodeURIComponent(reservationId)}/release`,
      options.credentials,
      { method: 'POST', body: {} },
    );
  }
}

export const costBudgetServiceRef = createServiceRef<CostBudgetService>({
  id: 'cost.budget',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        new DefaultCostBudgetService(discovery, auth),
    }),
});
