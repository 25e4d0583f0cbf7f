import type { TeamGpuQuota } from '@internal/plugin-gpu-quota-common';

export type QuotaSnapshot = { fetchedAt: Date; teams: TeamGpuQuota[] };

/**
 * The teams' quotas, read from the cluster at most once per `maxAgeMs`: page views within that
 * window share one read, and concurrent views during a read wait for the same one.
 */
export class QuotaSnapshotCache {
  private current?: QuotaSnapshot;
  private inFlight?: Promise<QuotaSnapshot>;
  private generation = 0;

  constructor(
    private readonly read: () => Promise<TeamGpuQuota[]>,
    readonly maxAgeMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(): Promise<QuotaSnapshot> {
    const current = this.current;
    if (
      current &&
      this.now().getTime() - current.fetchedAt.getTime() < this.maxAgeMs
    ) {
      return current;
    }
    if (!this.inFlight) {
      const generation = this.generation;
      const fetchedAt = this.now();
      this.inFlight = this.read()
        .then(teams => {
          const snapshot = { fetchedAt, teams };
          // A read that started before an invalidation must not hide the change it missed.
          if (generation === this.generation) this.current = snapshot;
          return snapshot;
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }

  /** Forgets the snapshot, e.g. after the portal itself changed a quota. */
  invalidate() {
    this.generation += 1;
    this.current = undefined;
    this.inFlight = undefined;
  }
}
