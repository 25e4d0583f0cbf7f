// Test-only: a CostService on a given database, a clock the test moves, and callers.
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import { createCostServices } from '../services/costServices';
import { RateCard } from '../services/RateCard';
import { DatabaseCostStore } from '../store/DatabaseCostStore';
import {
  GpuUtilizationReader,
  type UtilizationSettings,
} from '@internal/plugin-utilization-node';

export const KEEPER = 'user:default/morgan.lee';
export const SCIENTIST = 'user:default/amira.haddad';

export const rates = new RateCard(
  'EUR',
  new Map([
    ['nvidia.com/gpu', 2.5],
    ['nvidia.com/mig-1g.10gb', 0.4],
  ]),
);

/**
 * Rates for pods that run for seconds on the simulated nodes: 3600 EUR per GPU-hour is 1 EUR per
 * GPU-second (0.10 per MIG-slice-second), so a few seconds' use shows in cents and a second more
 * or less in the ledger changes the figures.
 */
export const perSecondRates = new RateCard(
  'EUR',
  new Map([
    ['nvidia.com/gpu', 3600],
    ['nvidia.com/mig-1g.10gb', 360],
  ]),
);

/**
 * Summaries show hours rounded to 3 decimals (3.6 s): the shown figure is within half a thousandth
 * of the exact one (a hair more, for a figure that falls on the half), `unitSeconds` / 3600.
 */
export const shownHours = (unitSeconds: number) =>
  expect.closeTo(unitSeconds / 3600, 2.99);

export class TestClock {
  constructor(public at: Date) {}
  now = () => this.at;
  advance(hours: number) {
    this.at = new Date(this.at.getTime() + hours * 3_600_000);
  }
}

/**
 * Keepers may do everything; scientists all but cost.read.all and setting budgets. Utilization is
 * read from the Prometheus the settings name (none by default).
 */
export async function costServiceOn(
  knex: Knex,
  clock: TestClock,
  utilization: UtilizationSettings = {
    idleBelowPercent: 10,
    resolutionSeconds: 60,
  },
) {
  const store = await DatabaseCostStore.create({
    database: mockServices.database.mock({ getClient: async () => knex }),
    currency: 'EUR',
  });
  const { service, checks } = createCostServices({
    store,
    rates,
    permissions: mockServices.permissions.mock({
      authorize: async (requests, { credentials }) =>
        requests.map(r => ({
          result:
            (credentials.principal as { userEntityRef?: string })
              .userEntityRef === SCIENTIST &&
            ['cost.read.all', 'cost.budget.set'].includes(
              (r as { permission: { name: string } }).permission.name,
            )
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as any,
    }),
    userInfo: mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs:
            ref === SCIENTIST ? [ref, 'group:default/nlp-team'] : [ref],
        };
      },
    }),
    logger: mockServices.logger.mock(),
    reservationGraceHours: 1,
    utilizationReader: new GpuUtilizationReader(utilization),
    now: clock.now,
  });
  return { store, service, checks };
}

export const as = {
  keeper: mockCredentials.user(KEEPER),
  scientist: mockCredentials.user(SCIENTIST),
  scaffolder: mockCredentials.service('plugin:scaffolder'),
};
