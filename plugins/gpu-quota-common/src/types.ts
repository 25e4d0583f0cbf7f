/** One GPU resource of a team's quota, e.g. `nvidia.com/gpu` or `nvidia.com/mig-1g.10gb`. */
export type GpuResourceUsage = {
  resource: string;
  /** GPUs the quota allows (its `hard` value). */
  hard: number;
  /** GPUs requested by the team's running and pending pods (the quota's `status.used`). */
  used: number;
  /** hard - used, never below 0. */
  available: number;
  /** Most GPUs one container may ask for, from the team's LimitRange; absent when unbounded. */
  maxPerJob?: number;
};

/** A pod that holds GPUs of the team. */
export type GpuWorkload = {
  pod: string;
  /** The controller that made the pod (Job, Workflow, StatefulSet...), when there is one. */
  owner?: { kind: string; name: string };
  /** GPUs it requests, per resource. */
  gpus: Record<string, number>;
  phase: string;
  /** When it started, or when it was created while it is still pending. */
  since: string;
};

export type TeamGpuQuota = {
  team: string;
  namespace: string;
  resources: GpuResourceUsage[];
  workloads: GpuWorkload[];
  /** Highest used/hard ratio over the team's GPU resources (0 when it has none). */
  pressure: number;
};

/** What the cluster says, as of `fetchedAt`; answers are at most `maxAgeSeconds` old. */
export type GpuQuotaOverview =
  | {
      status: 'ok';
      fetchedAt: string;
      maxAgeSeconds: number;
      teams: TeamGpuQuota[];
    }
  | { status: 'not-configured'; message: string };

export type TeamGpuQuotaAnswer =
  | {
      status: 'ok';
      fetchedAt: string;
      maxAgeSeconds: number;
      quota: TeamGpuQuota;
    }
  | { status: 'no-quota'; team: string; message: string }
  | { status: 'not-configured'; message: string };

export const QUOTA_REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type QuotaRequestStatus = (typeof QUOTA_REQUEST_STATUSES)[number];

export type QuotaRequest = {
  id: string;
  team: string;
  namespace: string;
  resource: string;
  /** The quota when the request was made. */
  currentAmount: number;
  /** The quota asked for. */
  requestedAmount: number;
  /** The quota just before approval; expiry takes the increase back off. */
  previousAmount?: number;
  justification: string;
  durationDays: number;
  requestedBy: string;
  status: QuotaRequestStatus;
  decidedBy?: string;
  decisionComment?: string;
  decidedAt?: string;
  /** When an approved increase ends. */
  expiresAt?: string;
  /** Set while expiry waits for running pods to fit under the restored quota. */
  expiryDeferredReason?: string;
  createdAt: string;
  updatedAt: string;
};

export const QUOTA_EVENT_ACTIONS = [
  'requested',
  'approved',
  'rejected',
  'cancelled',
  'expired',
  'expiry-deferred',
] as const;
export type QuotaEventAction = (typeof QUOTA_EVENT_ACTIONS)[number];

/** One line of the audit trail: who did what to which request, when and why. */
export type QuotaEvent = {
  id: number;
  requestId: string;
  team: string;
  action: QuotaEventAction;
  actor: string;
  comment?: string;
  /** Figures of the change, e.g. `{ resource, from, to }`. */
  details: Record<string, string | number>;
  at: string;
};

/** Who the signed-in user is to the GPU quota plugin (GET /me). */
export type GpuQuotaMe = {
  userEntityRef: string;
  /** Names of the teams the user is a member of. */
  teams: string[];
  /** Whether the user is a platform keeper who approves and rejects requests. */
  mayDecide: boolean;
};
