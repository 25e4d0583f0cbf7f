import { QuotaSnapshotCache } from './QuotaSnapshotCache';

describe('QuotaSnapshotCache', () => {
  let clock = 0;
  const now = () => new Date(clock);

  function counting() {
    const waiting: Array<() => void> = [];
    let calls = 0;
    const read = jest.fn(async () => {
      calls += 1;
      await new Promise<void>(r => waiting.push(r));
      return [];
    });
    /** Lets every read under way finish, oldest first unless told otherwise. */
    const release = (
      order: 'oldest-first' | 'newest-first' = 'oldest-first',
    ) => {
      const reads = waiting.splice(0);
      (order === 'newest-first' ? reads.reverse() : reads).forEach(r => r());
    };
    return { read, calls: () => calls, release };
  }

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('answers concurrent and repeated reads within the max age from one cluster read', async () => {
    const source = counting();
    const cache = new QuotaSnapshotCache(source.read, 15_000, now);
    const views = Array.from({ length: 50 }, () => cache.get());
    source.release();
    const snapshots = await Promise.all(views);
    expect(source.calls()).toBe(1);
    clock += 14_999;
    expect(await cache.get()).toBe(snapshots[0]);
    expect(source.calls()).toBe(1);
    expect(snapshots[0].fetchedAt.getTime()).toBe(1_000_000);
  });

  it('reads again once the snapshot is older than the max age', async () => {
    const source = counting();
    const cache = new QuotaSnapshotCache(source.read, 15_000, now);
    const first = cache.get();
    source.release();
    await first;
    clock += 15_000;
    const second = cache.get();
    source.release();
    expect((await second).fetchedAt.getTime()).toBe(1_015_000);
    expect(source.calls()).toBe(2);
  });

  it('does not keep a read that was under way when it was invalidated', async () => {
    const source = counting();
    const cache = new QuotaSnapshotCache(source.read, 15_000, now);
    const stale = cache.get();
    cache.invalidate();
    const fresh = cache.get();
    // The stale read finishes last: it must still not replace the fresh one.
    source.release('newest-first');
    await Promise.all([stale, fresh]);
    expect(source.calls()).toBe(2);
    expect(await cache.get()).toBe(await fresh);
  });

  it('does not cache a failed read', async () => {
    let fail = true;
    const cache = new QuotaSnapshotCache(
      async () => {
        if (fail) throw new Error('API server down');
        return [];
      },
      15_000,
      now,
    );
    await expect(cache.get()).rejects.toThrow('API server down');
    fail = false;
    await expect(cache.get()).resolves.toMatchObject({ teams: [] });
  });
});
