import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  CreateQuotaRequest,
  gpuQuotaAuditReadPermission,
  GpuQuotaMe,
  GpuQuotaOverview,
  gpuQuotaReadPermission,
  gpuQuotaRequestCreatePermission,
  gpuQuotaRequestDecidePermission,
  QuotaEvent,
  QuotaRequest,
  QuotaRequestStatus,
  TeamGpuQuota,
  TeamGpuQuotaAnswer,
} from '@internal/plugin-gpu-quota-common';
import {
  KubeApiError,
  ClusterStartingError,
  KubeUnreachableError,
} from '@internal/plugin-mlp-kube-node';
import { QuotaRequestStore } from '../store/QuotaRequestStore';
import { Access, UserCredentials } from './Access';
import { ClusterQuotas, QuotaEntry } from './ClusterQuotas';
import { BadGatewayError } from '@internal/plugin-mlp-node';
import { QuotaNotifier } from './QuotaNotifier';
import { QuotaSnapshotCache } from './QuotaSnapshotCache';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOT_CONFIGURED =
  'No Kubernetes cluster is configured for the portal (kubernetes.clusterLocatorMethods); GPU quotas come from there.';

export type GpuQuotaSettings = {
  /** Largest quota any team may hold for one resource (mlp.gpu.maxPerTeam). */
  maxPerTeam: number;
  /** Who hears about new requests and deferred expiries (permission.adminGroups). */
  keeperGroups: string[];
};

export type ExpiryRun = { expired: number; deferred: number; failed: number };

/**
 * The GPU quota feature: figures from the cluster, and the life of an increase request
 * (requested → approved → expired, or rejected / cancelled), each step written to the audit trail.
 */
export class GpuQuotaService {
  static create(options: {
    store: QuotaRequestStore;
    /** Undefined when no cluster is configured: reads say so, changes are refused. */
    cluster?: ClusterQuotas;
    cacheMaxAgeMs: number;
    access: Access;
    notifier: QuotaNotifier;
    logger: LoggerService;
    settings: GpuQuotaSettings;
    now?: () => Date;
  }): GpuQuotaService {
    const now = options.now ?? (() => new Date());
    const cache = options.cluster
      ? new QuotaSnapshotCache(
          () => options.cluster!.readAll(),
          options.cacheMaxAgeMs,
          now,
        )
      : undefined;
    return new GpuQuotaService(options, cache, now);
  }

  private constructor(
    private readonly options: {
      store: QuotaRequestStore;
      cluster?: ClusterQuotas;
      access: Access;
      notifier: QuotaNotifier;
      logger: LoggerService;
      settings: GpuQuotaSettings;
    },
    private readonly cache: QuotaSnapshotCache | undefined,
    private readonly now: () => Date,
  ) {}

  async overview(credentials: BackstageCredentials): Promise<GpuQuotaOverview> {
    await this.options.access.assert(
      credentials,
      gpuQuotaReadPermission,
      'You may not read GPU quotas',
    );
    if (!this.cache)
      return { status: 'not-configured', message: NOT_CONFIGURED };
    const snapshot = await this.snapshot();
    return {
      status: 'ok',
      fetchedAt: snapshot.fetchedAt.toISOString(),
      maxAgeSeconds: this.cache.maxAgeMs / 1000,
      teams: snapshot.teams,
    };
  }

  async team(
    credentials: BackstageCredentials,
    team: string,
  ): Promise<TeamGpuQuotaAnswer> {
    const overview = await this.overview(credentials);
    if (overview.status !== 'ok') return overview;
    const quota = overview.teams.find(t => t.team === team);
    if (!quota) {
      return {
        status: 'no-quota',
        team,
        message: `Team ${team} has no GPU quota yet: onboard it with the "Onboard an ML team" template.`,
      };
    }
    return {
      status: 'ok',
      fetchedAt: overview.fetchedAt,
      maxAgeSeconds: overview.maxAgeSeconds,
      quota,
    };
  }

  async me(credentials: UserCredentials): Promise<GpuQuotaMe> {
    return {
      userEntityRef: credentials.principal.userEntityRef,
      teams: await this.options.access.teamsOf(credentials),
      mayDecide: await this.options.access.mayDecide(credentials),
    };
  }

  async listRequests(
    credentials: BackstageCredentials,
    filter: { team?: string; status?: QuotaRequestStatus },
  ): Promise<QuotaRequest[]> {
    await this.options.access.assert(
      credentials,
      gpuQuotaReadPermission,
      'You may not read GPU quota requests',
    );
    return this.options.store.list(filter);
  }

  async createRequest(
    credentials: UserCredentials,
    input: CreateQuotaRequest,
  ): Promise<QuotaRequest> {
    const { access, store, settings } = this.options;
    const user = credentials.principal.userEntityRef;
    await access.assert(
      credentials,
      gpuQuotaRequestCreatePermission,
      'You may not ask for GPU quota',
    );
    const quota = await this.requireTeam(input.team);
    if (!(await access.mayDecide(credentials))) {
      const teams = await access.teamsOf(credentials);
      if (!teams.includes(input.team)) {
        throw new NotAllowedError(
          `${user} is not a member of team ${input.team}: only its members (or platform keepers) may ask for its GPUs. Ask someone in ${input.team} to send the request.`,
        );
      }
    }
    const current = quota.resources.find(r => r.resource === input.resource);
    if (!current) {
      throw new InputError(
        `resource: team ${input.team} has no quota for ${
          input.resource
        }; it has ${quota.resources
          .map(r => r.resource)
          .join(', ')}. Pick one of those, or ask the platform team to add ${
          input.resource
        } to the team.`,
      );
    }
    if (input.amount <= current.hard) {
      throw new InputError(
        `amount: ${input.amount} is not more than the ${current.hard} ${
          input.resource
        } the team already has; give the new total, e.g. ${current.hard + 2}`,
      );
    }
    if (input.amount > settings.maxPerTeam) {
      throw new InputError(
        `amount: ${input.amount} is over the ${settings.maxPerTeam} GPUs any team may hold (mlp.gpu.maxPerTeam); ask for at most ${settings.maxPerTeam}`,
      );
    }
    const pending = await store.list({ team: input.team, status: 'pending' });
    const same = pending.find(r => r.resource === input.resource);
    if (same) {
      throw new ConflictError(
        `Team ${input.team} already has a pending request for ${same.requestedAmount} ${same.resource} (id ${same.id}, by ${same.requestedBy}). Wait for its decision or cancel it first.`,
      );
    }
    const request = await store.create(
      {
        team: input.team,
        namespace: quota.namespace,
        resource: input.resource,
        currentAmount: current.hard,
        requestedAmount: input.amount,
        justification: input.justification,
        durationDays: input.durationDays,
        requestedBy: user,
      },
      {
        action: 'requested',
        actor: user,
        comment: input.justification,
        details: {
          resource: input.resource,
          from: current.hard,
          to: input.amount,
          durationDays: input.durationDays,
        },
      },
    );
    this.options.logger.info('GPU quota increase requested', {
      id: request.id,
      team: request.team,
      resource: request.resource,
      from: current.hard,
      to: input.amount,
      by: user,
    });
    await this.options.notifier.notify({
      recipients: settings.keeperGroups,
      title: `${input.team} asks for ${input.amount} ${input.resource}`,
      description: `${user} asks for ${input.amount} (now ${
        current.hard
      }) for ${input.durationDays} days: ${input.justification.slice(0, 200)}`,
    });
    return request;
  }

  async approve(
    credentials: UserCredentials,
    id: string,
    comment?: string,
  ): Promise<QuotaRequest> {
    const request = await this.decidable(credentials, id, 'approve');
    const cluster = this.requireCluster();
    const { store } = this.options;
    const token = await store.lock(id, 'pending');
    if (!token) throw await this.alreadyDecided(id);
    const user = credentials.principal.userEntityRef;
    try {
      const entry = await this.readEntry(cluster, request);
      if (entry.hard >= request.requestedAmount) {
        throw new ConflictError(
          `The ${request.resource} quota of ${request.team} is already ${entry.hard}, not less than the ${request.requestedAmount} asked for; nothing to approve. Reject the request, or ask the requester to cancel it.`,
        );
      }
      await this.setHard(cluster, entry, request.requestedAmount);
      const decidedAt = this.now();
      const approved = await store.change(
        id,
        {
          fields: {
            status: 'approved',
            previousAmount: entry.hard,
            decidedBy: user,
            decisionComment: comment,
            decidedAt: decidedAt.toISOString(),
            expiresAt: new Date(
              decidedAt.getTime() + request.durationDays * DAY_MS,
            ).toISOString(),
          },
          event: {
            action: 'approved',
            actor: user,
            comment,
            details: {
              resource: request.resource,
              from: entry.hard,
              to: request.requestedAmount,
            },
          },
        },
        { token },
      );
      this.cache?.invalidate();
      this.options.logger.info('GPU quota increase approved', {
        id,
        team: request.team,
        resource: request.resource,
        from: entry.hard,
        to: request.requestedAmount,
        by: user,
      });
      await this.options.notifier.notify({
        recipients: [request.requestedBy],
        title: `Approved: ${request.team} now has ${request.requestedAmount} ${request.resource}`,
        description: `${user} approved your request until ${
          approved!.expiresAt
        }.${comment ? ` ${comment}` : ''}`,
      });
      return approved!;
    } catch (error) {
      await store.unlock(id, token);
      throw error;
    }
  }

  async reject(
    credentials: UserCredentials,
    id: string,
    comment: string,
  ): Promise<QuotaRequest> {
    const request = await this.decidable(credentials, id, 'reject');
    const user = credentials.principal.userEntityRef;
    const rejected = await this.options.store.change(
      id,
      {
        fields: {
          status: 'rejected',
          decidedBy: user,
          decisionComment: comment,
          decidedAt: this.now().toISOString(),
        },
        event: {
          action: 'rejected',
          actor: user,
          comment,
          details: {
            resource: request.resource,
            from: request.currentAmount,
            to: request.requestedAmount,
          },
        },
      },
      { from: 'pending' },
    );
    if (!rejected) throw await this.alreadyDecided(id);
    await this.options.notifier.notify({
      recipients: [request.requestedBy],
      title: `Rejected: ${request.requestedAmount} ${request.resource} for ${request.team}`,
      description: `${user}: ${comment}`,
    });
    return rejected;
  }

  async cancel(
    credentials: UserCredentials,
    id: string,
    comment?: string,
  ): Promise<QuotaRequest> {
    const request = await this.requireRequest(id);
    const user = credentials.principal.userEntityRef;
    if (
      request.requestedBy !== user &&
      !(await this.options.access.mayDecide(credentials))
    ) {
      throw new NotAllowedError(
        `Only ${request.requestedBy}, who asked, or a platform keeper may cancel request ${id}`,
      );
    }
    const cancelled = await this.options.store.change(
      id,
      {
        fields: { status: 'cancelled' },
        event: {
          action: 'cancelled',
          actor: user,
          comment,
          details: { resource: request.resource },
        },
      },
      { from: 'pending' },
    );
    if (!cancelled) throw await this.alreadyDecided(id);
    return cancelled;
  }

  async audit(
    credentials: BackstageCredentials,
    filter: { team?: string; requestId?: string },
  ): Promise<QuotaEvent[]> {
    await this.options.access.assert(
      credentials,
      gpuQuotaAuditReadPermission,
      'You may not read the GPU quota audit trail',
    );
    return this.options.store.events(filter);
  }

  /**
   * Takes back every approved increase whose time is up. The increase comes off the current
   * quota (so overlapping increases each take only their own share back), unless the team's
   * running and pending pods would then be over quota: then the expiry waits, the requester and
   * the keepers are told once, and the next run tries again.
   */
  async expireDue(): Promise<ExpiryRun> {
    const run: ExpiryRun = { expired: 0, deferred: 0, failed: 0 };
    const cluster = this.options.cluster;
    if (!cluster) return run;
    const { store, logger, notifier, settings } = this.options;
    for (const request of await store.listDueExpiries(this.now())) {
      const token = await store.lock(request.id, 'approved');
      if (!token) continue;
      try {
        const entry = await this.readEntry(cluster, request);
        const increase =
          request.requestedAmount -
          (request.previousAmount ?? request.currentAmount);
        const target = Math.max(0, entry.hard - increase);
        if (entry.used > target) {
          const reason = `${entry.used} ${request.resource} are in use by running or pending pods; the quota can go back to ${target} once they are at most ${target}.`;
          const first = request.expiryDeferredReason !== reason;
          if (!first) {
            // Told already: wait quietly for the next run.
            await store.unlock(request.id, token);
            continue;
          }
          await store.change(
            request.id,
            {
              fields: { expiryDeferredReason: reason },
              event: {
                action: 'expiry-deferred',
                actor: 'gpu-quota-expiry',
                comment: reason,
                details: {
                  resource: request.resource,
                  used: entry.used,
                  target,
                },
              },
            },
            { token },
          );
          run.deferred += 1;
          logger.warn('GPU quota expiry deferred: pods would be over quota', {
            id: request.id,
            team: request.team,
            used: entry.used,
            target,
          });
          await notifier.notify({
            recipients: [request.requestedBy, ...settings.keeperGroups],
            title: `Expiry of ${request.team}'s extra ${request.resource} is waiting`,
            description: reason,
            severity: 'high',
          });
          continue;
        }
        await this.setHard(cluster, entry, target);
        await store.change(
          request.id,
          {
            fields: { status: 'expired', expiryDeferredReason: undefined },
            event: {
              action: 'expired',
              actor: 'gpu-quota-expiry',
              details: {
                resource: request.resource,
                from: entry.hard,
                to: target,
              },
            },
          },
          { token },
        );
        this.cache?.invalidate();
        run.expired += 1;
        logger.info('GPU quota increase expired', {
          id: request.id,
          team: request.team,
          from: entry.hard,
          to: target,
        });
        await notifier.notify({
          recipients: [request.requestedBy],
          title: `${request.team}'s extra ${request.resource} ended`,
          description: `The quota went back from ${entry.hard} to ${target}.`,
        });
      } catch (error) {
        run.failed += 1;
        await store.unlock(request.id, token);
        logger.error('GPU quota expiry failed; will retry', {
          id: request.id,
          team: request.team,
          error: String(error),
        });
      }
    }
    return run;
  }

  private async snapshot() {
    try {
      return await this.cache!.get();
    } catch (error) {
      throw clusterError(error);
    }
  }

  private requireCluster(): ClusterQuotas {
    if (!this.options.cluster)
      throw new ServiceUnavailableError(NOT_CONFIGURED);
    return this.options.cluster;
  }

  private async requireTeam(team: string): Promise<TeamGpuQuota> {
    this.requireCluster();
    const { teams } = await this.snapshot();
    const quota = teams.find(t => t.team === team);
    if (!quota) {
      throw new NotFoundError(
        `team: ${team} has no GPU quota (no ResourceQuota labelled mlplatform.dev/team=${team}). Check the name, or ask the platform team to onboard it.`,
      );
    }
    return quota;
  }

  private async requireRequest(id: string): Promise<QuotaRequest> {
    const request = await this.options.store.get(id);
    if (!request) throw new NotFoundError(`No GPU quota request has id ${id}`);
    return request;
  }

  /** The request, if this keeper may decide it now. */
  private async decidable(
    credentials: UserCredentials,
    id: string,
    verb: 'approve' | 'reject',
  ): Promise<QuotaRequest> {
    await this.options.access.assert(
      credentials,
      gpuQuotaRequestDecidePermission,
      `Only platform keepers may ${verb} GPU quota requests`,
    );
    const request = await this.requireRequest(id);
    if (request.requestedBy === credentials.principal.userEntityRef) {
      throw new NotAllowedError(
        `You cannot ${verb} your own request: another platform keeper has to decide it`,
      );
    }
    if (request.status !== 'pending') throw await this.alreadyDecided(id);
    return request;
  }

  private async alreadyDecided(id: string): Promise<ConflictError> {
    const now = await this.requireRequest(id);
    if (now.status === 'pending') {
      return new ConflictError(
        `Request ${id} is being decided by someone else right now; reload to see the outcome`,
      );
    }
    const by = now.decidedBy ? ` by ${now.decidedBy}` : '';
    const at = now.decidedAt ? ` at ${now.decidedAt}` : '';
    return new ConflictError(
      `Request ${id} is already ${now.status}${by}${at}; it cannot be decided again`,
    );
  }

  private async readEntry(
    cluster: ClusterQuotas,
    request: QuotaRequest,
  ): Promise<QuotaEntry> {
    let entry: QuotaEntry | undefined;
    try {
      entry = await cluster.readEntry(
        request.team,
        request.namespace,
        request.resource,
      );
    } catch (error) {
      throw clusterError(error);
    }
    if (!entry) {
      throw new ConflictError(
        `Team ${request.team} no longer has a ${request.resource} quota in namespace ${request.namespace}; nothing was changed`,
      );
    }
    return entry;
  }

  private async setHard(
    cluster: ClusterQuotas,
    entry: QuotaEntry,
    amount: number,
  ) {
    try {
      await cluster.setHard(entry, amount);
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 409) {
        throw new ConflictError(
          `The ${entry.resource} quota of namespace ${entry.namespace} changed while it was being updated; nothing was changed. Try again.`,
        );
      }
      throw clusterError(error);
    }
  }
}

function clusterError(error: unknown): Error {
  // The local cluster is still being built: 503 under its own name, so pages say so and wait.
  if (error instanceof ClusterStartingError) return error;
  if (error instanceof KubeUnreachableError) {
    return new ServiceUnavailableError(error.message, error);
  }
  if (error instanceof KubeApiError) {
    return new BadGatewayError(error.message, error);
  }
  return error as Error;
}
