import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import { TeamAccess } from '@internal/plugin-mlp-node';
import {
  idlePolicySetPermission,
  type IdleEvent,
  type IdleNotice,
  type IdlePolicy,
  type IdlePolicyInput,
} from '@internal/plugin-utilization-common';
import type { IdleStore } from '../store/IdleStore';
import type { IdleReclaimer } from './IdleReclaimer';
import { runningJobs } from './RunningJobs';

const MINUTE = 60_000;
type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * What people do with idle reclaim: keepers set a team's policy; a team's members (and keepers)
 * see its notices and audit trail, keep an idle job running (up to the policy's limit of
 * snoozes) or stop it now.
 */
export class IdleService {
  constructor(
    private readonly options: {
      store: IdleStore;
      access: TeamAccess;
      /** Without a cluster: none, and "stop now" answers 503. */
      reclaimer?: IdleReclaimer;
      kube?: KubeHttp;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async mayRead(credentials: UserCredentials, team: string) {
    const { access } = this.options;
    if (await access.allowed(credentials, idlePolicySetPermission)) return;
    const { teams } = await access.member(credentials);
    if (!teams.includes(team)) {
      throw new NotAllowedError(
        `You are not a member of ${team}: only its members and platform keepers see its idle GPUs`,
      );
    }
  }

  async policy(credentials: UserCredentials, team: string) {
    await this.mayRead(credentials, team);
    return (await this.options.store.policy(team)) ?? null;
  }

  async setPolicy(
    credentials: UserCredentials,
    team: string,
    input: Required<IdlePolicyInput>,
  ): Promise<IdlePolicy> {
    await this.options.access.assert(
      credentials,
      idlePolicySetPermission,
      'Only platform keepers set idle policies',
    );
    return this.options.store.setPolicy({
      team,
      ...input,
      updatedBy: credentials.principal.userEntityRef,
      updatedAt: this.now().toISOString(),
    });
  }

  /** Removes a team's policy: its jobs are no longer announced nor stopped. */
  async deletePolicy(credentials: UserCredentials, team: string) {
    await this.options.access.assert(
      credentials,
      idlePolicySetPermission,
      'Only platform keepers set idle policies',
    );
    if (!(await this.options.store.deletePolicy(team))) {
      throw new NotFoundError(`${team} has no idle policy`);
    }
  }

  /** The notices of the user's teams (or one team), open ones and those of the last 7 days. */
  async notices(
    credentials: UserCredentials,
    team?: string,
  ): Promise<IdleNotice[]> {
    if (team) await this.mayRead(credentials, team);
    const teams = team
      ? [team]
      : (await this.options.access.member(credentials)).teams;
    const since = new Date(this.now().getTime() - 7 * 24 * 60 * MINUTE);
    return this.options.store.notices(teams, since.toISOString());
  }

  async events(
    credentials: UserCredentials,
    team: string,
  ): Promise<IdleEvent[]> {
    await this.mayRead(credentials, team);
    return this.options.store.events(team, 200);
  }

  private async openNotice(credentials: UserCredentials, id: string) {
    const notice = await this.options.store.notice(id);
    if (!notice) throw new NotFoundError(`No idle notice ${id}`);
    await this.mayRead(credentials, notice.team);
    if (notice.state !== 'notified' && notice.state !== 'snoozed') {
      throw new ConflictError(
        `The notice of ${notice.workload} is closed (${notice.state}); nothing to keep or stop`,
      );
    }
    return notice;
  }

  /** "Keep it running": the job is not stopped before the policy's snooze ends. */
  async keep(credentials: UserCredentials, id: string): Promise<IdleNotice> {
    const notice = await this.openNotice(credentials, id);
    const policy = await this.options.store.policy(notice.team);
    const maxSnoozes = policy?.maxSnoozes ?? 0;
    if (notice.snoozes >= maxSnoozes) {
      throw new ConflictError(
        `${notice.workload} was kept running ${notice.snoozes} time${
          notice.snoozes === 1 ? '' : 's'
        }, the most ${
          notice.team
        }'s idle policy allows: make its GPUs busy, stop it, or ask a platform keeper to change the policy`,
      );
    }
    const until = new Date(
      this.now().getTime() + (policy?.snoozeMinutes ?? 60) * MINUTE,
    ).toISOString();
    const kept: IdleNotice = {
      ...notice,
      state: 'snoozed',
      snoozes: notice.snoozes + 1,
      snoozedUntil: until,
    };
    const written = await this.options.store.saveNotice(
      kept,
      {
        noticeId: notice.id,
        team: notice.team,
        workload: notice.workload,
        action: 'snoozed',
        actor: credentials.principal.userEntityRef,
        at: this.now().toISOString(),
        detail: `kept running until ${until
          .slice(0, 16)
          .replace('T', ' ')} UTC (${kept.snoozes} of ${maxSnoozes})`,
      },
      notice.state,
    );
    if (!written) {
      throw new ConflictError(
        `The notice of ${notice.workload} changed meanwhile; reload and try again`,
      );
    }
    return kept;
  }

  /** "Stop now": the job's Workflow is stopped and its GPUs freed at once. */
  async stopNow(credentials: UserCredentials, id: string): Promise<IdleNotice> {
    const notice = await this.openNotice(credentials, id);
    const { kube, reclaimer } = this.options;
    if (!kube || !reclaimer) {
      throw new ServiceUnavailableError(
        'No Kubernetes cluster is configured: the portal cannot stop jobs',
      );
    }
    const job = (await runningJobs(kube, notice.team)).find(
      j => j.id === notice.workload,
    );
    if (!job) {
      throw new ConflictError(
        `${notice.workload} is not running any more; nothing to stop`,
      );
    }
    // A user entity ref never equals the pass's own actor name, so the trail tells them apart.
    return reclaimer.stop(notice, job, credentials.principal.userEntityRef);
  }
}
