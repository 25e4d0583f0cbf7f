import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('reuses an answer within its time, then asks again; failures are not kept', async () => {
    let now = 0;
    const cache = new TtlCache(1000, 2, () => now);
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.get('a', load)).toBe(1);
    now = 999;
    expect(await cache.get('a', load)).toBe(1);
    now = 1000;
    expect(await cache.get('a', load)).toBe(2);
    await expect(
      cache.get('b', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(await cache.get('b', async () => 'up')).toBe('up');
  });

  it('keeps at most its bound, dropping the oldest', async () => {
    const cache = new TtlCache(60_000, 2, () => 0);
    let calls = 0;
    const load = async () => ++calls;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('b', load)).toBe(2);
    expect(await cache.get('a', load)).toBe(4);
  });
});
