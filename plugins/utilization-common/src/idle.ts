import { createPermission } from '@backstage/plugin-permission-common';
import { z } from 'zod';

/** Reading idle notices, policies and the audit trail (of one's own teams). */
export const idleReadPermission = createPermission({
  name: 'utilization.idle.read',
  attributes: { action: 'read' },
});

/** "Keep it running" and "stop now" on a notice of one's own team: self-service. */
export const idleActPermission = createPermission({
  name: 'utilization.idle.act',
  attributes: { action: 'update' },
});

/** Setting a team's idle policy: platform keepers. */
export const idlePolicySetPermission = createPermission({
  name: 'utilization.idle-policy.set',
  attributes: { action: 'update' },
});

export const utilizationPermissions = [
  idleReadPermission,
  idleActPermission,
  idlePolicySetPermission,
];

const minutes = (what: string, min: number, max: number) =>
  z
    .number()
    .min(min, `must be ${min} to ${max} minutes ${what}`)
    .max(max, `must be ${min} to ${max} minutes ${what}`);

/** PUT /policies/:team: when a team's GPU workloads count as idle, and what happens then. */
export const idlePolicyInputSchema = z
  .object({
    /** A workload whose GPUs all stayed under this utilization (%) for the window is idle. */
    idleBelowPercent: z
      .number()
      .gt(0, 'must be a utilization in % above 0 and at most 100')
      .max(100, 'must be a utilization in % above 0 and at most 100')
      .default(10),
    windowMinutes: minutes('(how long a workload must stay idle)', 0.25, 1440),
    graceMinutes: minutes('(notice before it is stopped)', 0, 1440),
    snoozeMinutes: minutes(
      '(how long "keep it running" holds)',
      0.25,
      1440,
    ).default(60),
    maxSnoozes: z
      .number()
      .int('must be a whole number from 0 to 20')
      .min(0, 'must be a whole number from 0 to 20')
      .max(20, 'must be a whole number from 0 to 20')
      .default(3),
  })
  .strict();

export type IdlePolicyInput = z.input<typeof idlePolicyInputSchema>;

export type IdlePolicy = z.output<typeof idlePolicyInputSchema> & {
  team: string;
  updatedBy: string;
  updatedAt: string;
};

/**
 * A notice that a workload's GPUs are idle: `notified` (stops at `stopAt` unless kept or busy
 * again), `snoozed` (kept running until `snoozedUntil`), then `stopped` or `resolved` (busy again,
 * or ended by itself).
 */
export type IdleNotice = {
  id: string;
  team: string;
  kind: 'job';
  /** The job's id. */
  workload: string;
  /** The user entity ref of whoever runs it. */
  owner: string;
  state: 'notified' | 'snoozed' | 'stopped' | 'resolved';
  /** Its GPUs' average utilization over the policy's window when it was found idle, in %. */
  averagePercent: number;
  gpus: number;
  notifiedAt: string;
  stopAt: string;
  snoozes: number;
  snoozedUntil?: string;
  closedAt?: string;
};

/** One line of a team's idle audit trail. */
export type IdleEvent = {
  id: number;
  noticeId: string;
  team: string;
  workload: string;
  action: 'notified' | 'snoozed' | 'stopped' | 'resolved' | 'stop-failed';
  /** A user entity ref, or `idle-reclaim` for the portal's own pass. */
  actor: string;
  at: string;
  detail: string;
};
