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
  units: 2,
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
      units: 1,
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

  it('adds CPU and memory to the cost, but not to GPU-hours or GPU types', () => {
    // The GPU pod above (17.50), plus its 1.5 cores and 4 GiB for the same 3.5 h.
    const s = summarise(
      [
        base,
        { ...base, resource: 'cpu', units: 1.5, hourlyRate: 0.04 },
        { ...base, resource: 'memory', units: 4, hourlyRate: 0.005 },
      ],
      range('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'),
    );
    // 1.5 × 3.5 × 0.04 = 0.21; 4 × 3.5 × 0.005 = 0.07.
    expect(s.cost).toBe(17.78);
    expect(s.gpuHours).toBe(7);
    expect(s.byGpuType).toEqual([
      { key: 'nvidia.com/gpu', gpuHours: 7, cost: 17.5 },
    ]);
    expect(s.byComputeResource).toEqual([
      { key: 'cpu', unit: 'core-hours', unitHours: 5.25, cost: 0.21 },
      { key: 'memory', unit: 'GiB-hours', unitHours: 14, cost: 0.07 },
    ]);
    expect(s.byProject).toEqual([
      { key: 'support-bot', gpuHours: 7, cost: 17.78 },
    ]);
    // 20th: 2 h × (5.00 + 0.06 + 0.02); 21st: 1.5 h × the same.
    expect(s.daily.map(d => d.cost)).toEqual([10.16, 7.62]);
  });

  it('knows month boundaries in UTC, December included', () => {
    expect(monthRange('2026-12')).toEqual({
      from: Date.parse('2026-12-01T00:00:00Z'),
      to: Date.parse('2027-01-01T00:00:00Z'),
    });
  });
});
