import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  CreateQuotaRequest,
  gpuQuotaAuditReadPermission,
  gpuQuotaReadPermission,
  gpuQuotaRequestCreatePermission,
  gpuQuotaRequestDecidePermission,
  QuotaEvent,
  QuotaRequest,
  QuotaRequestStatus,
} from '@internal/plugin-gpu-quota-common';
import { Access, UserCredentials } from './Access';
import {
  QuotaChangeDeps,
  readEntry,
  requireCluster,
  setHard,
} from './quotaCluster';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The life of a GPU quota increase request: asked for by a team member, approved (the quota goes
 * up on the cluster) or rejected by another platform keeper, or cancelled; each step written to
 * the audit trail and told to whom it concerns. Expiry is QuotaExpiry's.
 */
export class QuotaIncreaseRequests {
  private readonly now: () => Date;

  constructor(private readonly options: QuotaChangeDeps & { access: Access }) {
    this.now = options.now ?? (() => new Date());
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
    const quota = await this.options.quotas.requireTeam(input.team);
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
    const cluster = requireCluster(this.options.cluster);
    const { store } = this.options;
    const token = await store.lock(id, 'pending');
    if (!token) throw await this.alreadyDecided(id);
    const user = credentials.principal.userEntityRef;
    try {
      const entry = await readEntry(cluster, request);
      if (entry.hard >= request.requestedAmount) {
        throw new ConflictError(
          `The ${request.resource} quota of ${request.team} is already ${entry.hard}, not less than the ${request.requestedAmount} asked for; nothing to approve. Reject the request, or ask the requester to cancel it.`,
        );
      }
      await setHard(cluster, entry, request.requestedAmount);
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
      this.options.quotas.invalidate();
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
}
