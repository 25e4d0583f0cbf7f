import { Allocation, monthRange, overlapHours, summarise } from './costMath';

const base: Allocation = {
  podUid: 'u1',
  resource: 'nvidia.com/gpu',
  team: 'nlp-team',
  namespace: 'nlp-team',
  pod: 'train-0',
  project: 'support-bot',
  model: 'ticket-classifier',
  user: 'amira.haddad',
  gpus: 2,
  hourlyRate: 2.5,
  startedAt: '2026-11-20T22:00:00.000Z',
  endedAt: '2026-11-21T01:30:00.000Z',
};
const range = (from: string, to: string, now = '2026-11-30T00:00:00Z') => ({
  from: Date.parse(from),
  to: Date.parse(to),
  now: Date.parse(now),
});

describe('cost math', () => {
  it('costs GPUs × hours × rate, split over the UTC days it touches', () => {
    const s = summarise(
      [base],
      range('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'),
    );
    // 3.5 h × 2 GPUs = 7 GPU-hours × 2.5 = 17.50
    expect(s.gpuHours).toBe(7);
    expect(s.cost).toBe(17.5);
    expect(s.daily).toEqual([
      { day: '2026-11-20', gpuHours: 4, cost: 10 },
      { day: '2026-11-21', gpuHours: 3, cost: 7.5 },
    ]);
    expect(s.byProject).toEqual([
      { key: 'support-bot', gpuHours: 7, cost: 17.5 },
    ]);
    expect(s.byGpuType).toEqual([
      { key: 'nvidia.com/gpu', gpuHours: 7, cost: 17.5 },
    ]);
  });

  it('clips to the range and runs open allocations until now', () => {
    expect(
      overlapHours(
        base,
        Date.parse('2026-11-21T00:00:00Z'),
        Date.parse('2026-11-22T00:00:00Z'),
        0,
      ),
    ).toBe(1.5);
    const open = { ...base, endedAt: undefined };
    const s = summarise(
      [open],
      range(
        '2026-11-01T00:00:00Z',
        '2026-12-01T00:00:00Z',
        '2026-11-21T00:00:00Z',
      ),
    );
    expect(s.gpuHours).toBe(4);
    expect(s.cost).toBe(10);
  });

  it('rounds money to the cent once, after summing exactly', () => {
    // 3 allocations of 1 GPU × 1/3 h at 1.00: 0.333… each, 1.00 together.
    const third = (i: number): Allocation => ({
      ...base,
      podUid: `u${i}`,
      gpus: 1,
      hourlyRate: 1,
      startedAt: '2026-11-20T00:00:00.000Z',
      endedAt: '2026-11-20T00:20:00.000Z',
    });
    const s = summarise(
      [third(1), third(2), third(3)],
      range('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'),
    );
    expect(s.cost).toBe(1);
  });

  it('knows month boundaries in UTC, December included', () => {
    expect(monthRange('2026-12')).toEqual({
      from: Date.parse('2026-12-01T00:00:00Z'),
      to: Date.parse('2027-01-01T00:00:00Z'),
    });
  });
});
