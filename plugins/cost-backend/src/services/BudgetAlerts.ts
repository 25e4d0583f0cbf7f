import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { BudgetStore } from '../store/CostStore';
import { cents, monthOf } from './costMath';

export const ALERT_THRESHOLDS = [50, 80, 100];

/**
 * Tells a team and the platform keepers when its spend and reservations cross 50, 80 and 100 %
 * of the month's budget, each threshold once per month. A failed notification is logged and
 * tried again on the next pass.
 */
export class BudgetAlerts {
  constructor(
    private readonly options: {
      store: BudgetStore;
      notifications: NotificationService;
      logger: LoggerService;
      /** The platform keepers (permission.adminGroups), told with the team. */
      keeperGroups: string[];
      currency: string;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<Array<{ team: string; threshold: number }>> {
    const { store, notifications, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const month = monthOf(now);
    const sent: Array<{ team: string; threshold: number }> = [];
    for (const team of await store.budgetedTeams(month)) {
      const state = await store.budgetState(team, month, now);
      const budget = state.budget!.amount;
      const used = state.spent + state.reserved;
      const already = await store.sentAlerts(team, month);
      for (const threshold of ALERT_THRESHOLDS) {
        if (used < (budget * threshold) / 100 || already.includes(threshold)) {
          continue;
        }
        try {
          await notifications.send({
            recipients: {
              type: 'entity',
              entityRef: [
                `group:default/${team}`,
                ...this.options.keeperGroups,
              ],
            },
            payload: {
              title: `${team} has used ${threshold} % of its GPU budget for ${month}`,
              description: `${cents(used)} of ${budget} ${
                this.options.currency
              } (spent ${cents(state.spent)}, reserved by running jobs ${cents(
                state.reserved,
              )}).`,
              link: `/cost?team=${team}`,
              severity: threshold >= 100 ? 'high' : 'normal',
              topic: 'gpu-cost',
            },
          });
          await store.markAlertSent(team, month, threshold, now.toISOString());
          sent.push({ team, threshold });
          logger.info('budget alert sent', { team, month, threshold });
        } catch (error) {
          logger.warn(
            'could not send a budget alert; the next pass tries again',
            {
              team,
              threshold,
              error: String(error),
            },
          );
        }
      }
    }
    return sent;
  }
}
