import { QuotaChangeDeps, readEntry, setHard } from './quotaCluster';

export type ExpiryRun = { expired: number; deferred: number; failed: number };

/** The end of approved increases, when their time is up (QuotaExpiryTask runs it). */
export class QuotaExpiry {
  private readonly now: () => Date;

  constructor(private readonly options: QuotaChangeDeps) {
    this.now = options.now ?? (() => new Date());
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
        const entry = await readEntry(cluster, request);
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
        await setHard(cluster, entry, target);
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
        this.options.quotas.invalidate();
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
}
