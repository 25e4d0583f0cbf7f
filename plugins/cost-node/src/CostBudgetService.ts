import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async check(
    input: BudgetCheck,
    options: { credentials: BackstageCredentials },
  ): Promise<BudgetCheckResult> {
    const res = await this.post('/budget-checks', input, options.credentials);
    return (await res.json()) as BudgetCheckResult;
  }

  async release(
    reservationId: string,
    options: { credentials: BackstageCredentials },
  ): Promise<void> {
    await this.post(
      `/reservations/${encodeURIComponent(reservationId)}/release`,
      {},
      options.credentials,
    );
  }

  private async post(
    path: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<Response> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'cost',
    });
    const base = await this.discovery.getBaseUrl('cost');
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
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
