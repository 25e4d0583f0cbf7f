// The build lifecycle: a build's provisioner job is `pending` for one step, `running` for one step,
// then `succeeded` or `failed`. The workspace status is derived from the job status and the
// transition exactly as codersdk.ConvertWorkspaceStatus does. Quota is committed when the job
// finishes its plan (provisionerd runner.commitQuota + enterprise committer.CommitQuota).
import { randomUUID } from 'node:crypto';
import {
  BuildRecord,
  FakeCoderStore,
  JobStatus,
  ResourceRecord,
  Transition,
  WorkspaceRecord,
} from './store';

export type WorkspaceStatus =
  | 'pending'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'canceling'
  | 'canceled'
  | 'deleting'
  | 'deleted';

export const WORKSPACE_STATUSES: WorkspaceStatus[] = [
  'pending',
  'starting',
  'running',
  'stopping',
  'stopped',
  'failed',
  'canceling',
  'canceled',
  'deleting',
  'deleted',
];

/** codersdk.ConvertWorkspaceStatus */
export function workspaceStatus(
  job: JobStatus,
  transition: Transition,
): WorkspaceStatus {
  switch (job) {
    case 'pending':
      return 'pending';
    case 'running':
      return (
        { start: 'starting', stop: 'stopping', delete: 'deleting' } as const
      )[transition];
    case 'succeeded':
      return (
        { start: 'running', stop: 'stopped', delete: 'deleted' } as const
      )[transition];
    case 'canceling':
      return 'canceling';
    case 'canceled':
      return 'canceled';
    default:
      return 'failed';
  }
}

export function isJobActive(status: JobStatus): boolean {
  return status === 'pending' || status === 'running' || status === 'canceling';
}

/** The message a build job fails with when the owner's quota would be exceeded (provisionerd runner). */
export const INSUFFICIENT_QUOTA = 'insufficient quota';

export function createBuild(
  store: FakeCoderStore,
  input: {
    workspace: WorkspaceRecord;
    transition: Transition;
    templateVersionId: string;
    initiatorId: string;
    parameters: Array<{ name: string; value: string }>;
  },
): BuildRecord {
  const now = store.now();
  const previous = store.buildsOf(input.workspace.id);
  const version = store.templateVersions.get(input.templateVersionId)!;
  const build: BuildRecord = {
    id: randomUUID(),
    seq: store.nextBuildSeq(),
    workspaceId: input.workspace.id,
    templateVersionId: input.templateVersionId,
    buildNumber: previous.length + 1,
    transition: input.transition,
    initiatorId: input.initiatorId,
    createdAt: now,
    updatedAt: now,
    stepMs: store.buildStepMs,
    forcedError: store.forcedBuildError,
    parameters: input.parameters,
    dailyCost: 0,
    deadline: null,
    resources: [],
    job: { id: randomUUID(), fileId: version.fileId, status: 'pending' },
  };
  store.builds.set(build.id, build);
  input.workspace.updatedAt = now;
  return build;
}

/**
 * Applies every lifecycle step that is due by `now`, in time order (so quota is committed in the
 * order builds reach it). Called before every request is answered.
 */
export function advanceBuilds(store: FakeCoderStore, now: number): void {
  type Step = { at: number; build: BuildRecord; kind: 'run' | 'finish' };
  const due: Step[] = [];
  for (const build of store.builds.values()) {
    if (build.job.status === 'pending' && build.createdAt + build.stepMs <= now)
      due.push({
        at: build.createdAt + build.stepMs,
        build,
        kind: 'run',
      });
    if (
      isJobActive(build.job.status) &&
      build.createdAt + 2 * build.stepMs <= now
    )
      due.push({
        at: build.createdAt + 2 * build.stepMs,
        build,
        kind: 'finish',
      });
  }
  due.sort(
    (a, b) =>
      a.at - b.at || a.build.seq - b.build.seq || (a.kind === 'run' ? -1 : 1),
  );
  for (const step of due) {
    if (step.kind === 'run') runJob(store, step.build, step.at);
    else finishJob(store, step.build, step.at);
  }
}

function runJob(store: FakeCoderStore, build: BuildRecord, at: number) {
  build.job.status = 'running';
  build.job.startedAt = at;
  build.job.workerId = store.deploymentId;
  build.updatedAt = at;
}

function finishJob(store: FakeCoderStore, build: BuildRecord, at: number) {
  const workspace = store.workspaces.get(build.workspaceId)!;
  const template = store.templates.get(workspace.templateId)!;
  // The plan's cost: the running workspace's resources cost the template's daily cost; a stopped
  // or deleted workspace keeps no costed resources.
  const cost = build.transition === 'start' ? template.dailyCost : 0;
  // runner.commitQuota runs for start and stop builds, and only when the cost is not zero.
  if (build.transition !== 'delete' && cost !== 0) {
    if (!commitQuota(store, workspace, build, cost)) {
      failJob(build, at, INSUFFICIENT_QUOTA);
      return;
    }
  }
  if (build.forcedError !== undefined) {
    failJob(build, at, build.forcedError);
    return;
  }
  build.job.status = 'succeeded';
  build.job.completedAt = at;
  build.updatedAt = at;
  build.resources = resourcesFor(build.transition, at, cost);
  if (build.transition === 'start' && workspace.ttlMs) {
    build.deadline = at + workspace.ttlMs;
  }
  if (build.transition === 'delete') {
    workspace.deleted = true;
  }
  workspace.updatedAt = at;
}

function failJob(build: BuildRecord, at: number, error: string) {
  build.job.status = 'failed';
  build.job.completedAt = at;
  build.job.error = error;
  build.updatedAt = at;
}

/**
 * enterprise/coderd committer.CommitQuota: the owner's consumption in the workspace's organization
 * is the sum of the daily cost of each non-deleted workspace's latest build (this build counts 0 until
 * committed). A build that would take it over the budget is refused, unless it does not cost more
 * than the previous build of the same workspace.
 */
function commitQuota(
  store: FakeCoderStore,
  workspace: WorkspaceRecord,
  build: BuildRecord,
  cost: number,
): boolean {
  const consumed = quotaConsumed(
    store,
    workspace.ownerId,
    workspace.organizationId,
  );
  const budget = store.users.get(workspace.ownerId)!.quotaBudget;
  const previous = store
    .buildsOf(workspace.id)
    .find(b => b.buildNumber === build.buildNumber - 1);
  const netIncrease = previous ? cost >= previous.dailyCost : true;
  if (consumed + cost > budget && netIncrease) return false;
  build.dailyCost = cost;
  return true;
}

/** GetQuotaConsumedForUser */
export function quotaConsumed(
  store: FakeCoderStore,
  ownerId: string,
  organizationId: string,
): number {
  let total = 0;
  for (const w of store.workspaces.values()) {
    if (
      w.deleted ||
      w.ownerId !== ownerId ||
      w.organizationId !== organizationId
    )
      continue;
    total += store.latestBuild(w.id)?.dailyCost ?? 0;
  }
  return total;
}

function resourcesFor(
  transition: Transition,
  at: number,
  cost: number,
): ResourceRecord[] {
  if (transition === 'start') {
    return [
      {
        id: randomUUID(),
        createdAt: at,
        type: 'kubernetes_pod',
        name: 'main',
        dailyCost: cost,
        agent: { id: randomUUID(), name: 'main' },
      },
    ];
  }
  if (transition === 'stop') {
    return [
      {
        id: randomUUID(),
        createdAt: at,
        type: 'kubernetes_persistent_volume_claim',
        name: 'home',
        dailyCost: 0,
      },
    ];
  }
  return [];
}
