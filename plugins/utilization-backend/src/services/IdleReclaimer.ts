import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { KubeHttp } from '@internal/plugin-mlp-kube-node';
import {
  combineUtilization,
  type IdleEvent,
  type IdleNotice,
  type IdlePolicy,
} from '@internal/plugin-utilization-common';
import {
  GpuUtilizationReader,
  podKey,
} from '@internal/plugin-utilization-node';
import { randomUUID } from 'node:crypto';
import type { IdleStore } from '../store/IdleStore';
import type { JobStopper } from './JobStopper';
import { runningJobs, type RunningJob } from './RunningJobs';

/** The actor of what the portal's own pass does, in the audit trail. */
export const RECLAIM_ACTOR = 'idle-reclaim';

const MINUTE = 60_000;

/** "2026-12-08 14:30 UTC": times as the audit trail says them. */
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** What one pass did, for logs and tests. */
export type PassResult = {
  notified: string[];
  stopped: string[];
  resolved: string[];
  /** Teams skipped because utilization could not be read (nothing is stopped blind). */
  unmeasured: string[];
  /** Teams whose pass failed (logged; the other teams are still handled). */
  failed: string[];
};

/**
 * One pass of idle reclaim, for every team with an idle policy. A running GPU job is idle when
 * Prometheus has samples of its GPUs over the whole window and every one is under the policy's
 * threshold. Then its owner is notified (Backstage notifications) and has the grace to keep it
 * running (a snooze, up to the policy's limit) or stop it; after the grace it is stopped. A job
 * busy again, or ended, closes its notice. When Prometheus does not answer, nothing is decided.
 * Every notice and action goes to the audit trail.
 */
export class IdleReclaimer {
  constructor(
    private readonly options: {
      kube: KubeHttp;
      store: IdleStore;
      reader: GpuUtilizationReader;
      stopper: JobStopper;
      notifications: NotificationService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async pass(): Promise<PassResult> {
    const result: PassResult = {
      notified: [],
      stopped: [],
      resolved: [],
      unmeasured: [],
      failed: [],
    };
    for (const policy of await this.options.store.policies()) {
      try {
        await this.team(policy, result);
      } catch (error) {
        result.failed.push(policy.team);
        this.options.logger.error(
          `idle reclaim of team ${policy.team} failed; the next pass tries again`,
          { error: String(error) },
        );
      }
    }
    return result;
  }

  private async team(policy: IdlePolicy, result: PassResult) {
    const { store } = this.options;
    const now = this.now();
    const jobs = await runningJobs(this.options.kube, policy.team);
    const open = new Map(
      (await store.openNotices(policy.team)).map(n => [n.workload, n]),
    );
    // Jobs that ended since their notice: nothing more to do for them.
    for (const notice of open.values()) {
      if (!jobs.some(j => j.id === notice.workload)) {
        await this.close(notice, 'resolved', 'it ended by itself', result);
      }
    }
    if (jobs.length === 0) return;
    const answer = await this.options.reader.pods(
      { namespaces: [policy.team], pods: jobs.flatMap(j => j.pods) },
      {
        from: new Date(now.getTime() - policy.windowMinutes * MINUTE),
        to: now,
      },
      { idleBelowPercent: policy.idleBelowPercent },
    );
    if (!answer.pods) {
      result.unmeasured.push(policy.team);
      this.options.logger.warn(
        `idle reclaim skipped team ${policy.team}: GPU utilization is ${
          answer.source.state
        }${
          answer.source.state === 'unavailable'
            ? ` (${answer.source.message})`
            : ''
        }; nothing is stopped without it`,
      );
      return;
    }
    const step = answer.source.resolutionSeconds / 3600;
    for (const job of jobs) {
      const u = combineUtilization(
        job.pods.map(p => answer.pods.get(podKey(policy.team, p))),
      );
      const windowGpuHours = (job.gpus * policy.windowMinutes) / 60;
      // Samples over (nearly) the whole window, all of them under the threshold.
      const idle =
        u !== undefined &&
        Date.parse(job.since) <=
          now.getTime() - policy.windowMinutes * MINUTE &&
        u.measuredGpuHours >= windowGpuHours - 2 * step * job.gpus &&
        u.idleGpuHours >= u.measuredGpuHours - step / 2;
      const notice = open.get(job.id);
      const average = Math.round((u?.averagePercent ?? 0) * 10) / 10;
      if (!notice) {
        if (idle) await this.notify(policy, job, average, result);
      } else if (!idle) {
        await this.close(
          notice,
          'resolved',
          `its GPUs are busy again (${average} % on average over the last ${policy.windowMinutes} min)`,
          result,
        );
      } else if (notice.state === 'snoozed') {
        if (notice.snoozedUntil && now.toISOString() >= notice.snoozedUntil) {
          await this.renotify(notice, policy, average, result);
        }
      } else if (now.toISOString() >= notice.stopAt) {
        await this.stop(notice, job, RECLAIM_ACTOR, result, average);
      }
    }
  }

  private event(
    notice: IdleNotice,
    action: IdleEvent['action'],
    actor: string,
    detail: string,
  ): Omit<IdleEvent, 'id'> {
    return {
      noticeId: notice.id,
      team: notice.team,
      workload: notice.workload,
      action,
      actor,
      at: this.now().toISOString(),
      detail,
    };
  }

  private async notify(
    policy: IdlePolicy,
    job: RunningJob,
    average: number,
    result: PassResult,
  ) {
    const now = this.now();
    const notice: IdleNotice = {
      id: randomUUID(),
      team: policy.team,
      kind: 'job',
      workload: job.id,
      owner: job.owner,
      state: 'notified',
      averagePercent: average,
      gpus: job.gpus,
      notifiedAt: now.toISOString(),
      stopAt: new Date(
        now.getTime() + policy.graceMinutes * MINUTE,
      ).toISOString(),
      snoozes: 0,
    };
    const detail = `${job.gpus} GPU${job.gpus === 1 ? '' : 's'} under ${
      policy.idleBelowPercent
    } % for ${
      policy.windowMinutes
    } min (${average} % on average); stops at ${utc(
      notice.stopAt,
    )} unless kept running`;
    await this.options.store.saveNotice(
      notice,
      this.event(notice, 'notified', RECLAIM_ACTOR, detail),
    );
    result.notified.push(job.id);
    await this.send(notice, policy);
  }

  private async renotify(
    notice: IdleNotice,
    policy: IdlePolicy,
    average: number,
    result: PassResult,
  ) {
    const now = this.now();
    const next: IdleNotice = {
      ...notice,
      state: 'notified',
      averagePercent: average,
      stopAt: new Date(
        now.getTime() + policy.graceMinutes * MINUTE,
      ).toISOString(),
    };
    delete next.snoozedUntil;
    const written = await this.options.store.saveNotice(
      next,
      this.event(
        next,
        'notified',
        RECLAIM_ACTOR,
        `still idle after being kept running (${average} % on average); stops at ${utc(
          next.stopAt,
        )} unless kept running again`,
      ),
      'snoozed',
    );
    if (!written) return;
    result.notified.push(notice.workload);
    await this.send(next, policy);
  }

  /** Stops the job now; answers the notice as it was saved. Used by the pass and by "stop now". */
  async stop(
    notice: IdleNotice,
    job: RunningJob,
    actor: string,
    result?: PassResult,
    average = notice.averagePercent,
  ): Promise<IdleNotice> {
    const stopped: IdleNotice = {
      ...notice,
      state: 'stopped',
      closedAt: this.now().toISOString(),
    };
    try {
      await this.options.stopper.stop(job);
    } catch (error) {
      await this.options.store.saveNotice(
        notice,
        this.event(notice, 'stop-failed', actor, (error as Error).message),
        notice.state,
      );
      throw error;
    }
    await this.options.store.saveNotice(
      stopped,
      this.event(
        stopped,
        'stopped',
        actor,
        actor === RECLAIM_ACTOR
          ? `idle through the grace (${average} % on average): its Workflow was stopped and its ${
              job.gpus
            } GPU${job.gpus === 1 ? '' : 's'} freed`
          : `stopped now by its owner or a keeper: its Workflow was stopped and its ${
              job.gpus
            } GPU${job.gpus === 1 ? '' : 's'} freed`,
      ),
      notice.state,
    );
    result?.stopped.push(job.id);
    await this.options.notifications
      .send({
        recipients: { type: 'entity', entityRef: [notice.owner] },
        payload: {
          title: `Idle job ${notice.workload} was stopped`,
          description: `Its ${job.gpus} GPU${
            job.gpus === 1 ? ' was' : 's were'
          } idle; the job is stopped, not deleted, and no longer costs anything.`,
          link: `/gpu-idle?team=${encodeURIComponent(notice.team)}`,
          severity: 'normal',
          topic: 'gpu-idle',
        },
      })
      .catch(error =>
        this.options.logger.warn(
          `could not notify ${notice.owner} of the stop: ${error.message}`,
        ),
      );
    return stopped;
  }

  private async close(
    notice: IdleNotice,
    state: 'resolved',
    why: string,
    result: PassResult,
  ) {
    const closed: IdleNotice = {
      ...notice,
      state,
      closedAt: this.now().toISOString(),
    };
    const written = await this.options.store.saveNotice(
      closed,
      this.event(closed, 'resolved', RECLAIM_ACTOR, why),
      notice.state,
    );
    if (written) result.resolved.push(notice.workload);
  }

  private async send(notice: IdleNotice, policy: IdlePolicy) {
    await this.options.notifications
      .send({
        recipients: { type: 'entity', entityRef: [notice.owner] },
        payload: {
          title: `Job ${
            notice.workload
          } has idle GPUs: it stops at ${notice.stopAt.slice(11, 16)} UTC`,
          description: `Its ${notice.gpus} GPU${
            notice.gpus === 1 ? ' has' : 's have'
          } been under ${policy.idleBelowPercent} % for ${
            policy.windowMinutes
          } minutes (${
            notice.averagePercent
          } % on average). Keep it running or stop it now; otherwise it is stopped in ${
            policy.graceMinutes
          } minutes.`,
          link: `/gpu-idle?team=${encodeURIComponent(notice.team)}`,
          severity: 'high',
          topic: 'gpu-idle',
        },
      })
      .catch(error =>
        this.options.logger.warn(
          `could not notify ${notice.owner} of idle job ${notice.workload}: ${error.message}`,
        ),
      );
  }
}
