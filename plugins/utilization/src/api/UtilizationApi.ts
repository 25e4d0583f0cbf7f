import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  IdleEvent,
  IdleNotice,
  IdlePolicy,
  IdlePolicyInput,
} from '@internal/plugin-utilization-common';

/** Idle GPUs: notices, their actions, a team's idle policy and audit trail. */
export interface UtilizationApi {
  notices(team?: string): Promise<IdleNotice[]>;
  keep(id: string): Promise<IdleNotice>;
  stop(id: string): Promise<IdleNotice>;
  policy(team: string): Promise<IdlePolicy | null>;
  setPolicy(team: string, policy: IdlePolicyInput): Promise<IdlePolicy>;
  events(team: string): Promise<IdleEvent[]>;
}

export const utilizationApiRef = createApiRef<UtilizationApi>({
  id: 'plugin.utilization.api',
});
