import { combineUtilization } from './combine';

describe('combineUtilization', () => {
  it('weights the average by the GPU-hours measured and adds idle figures up', () => {
    expect(
      combineUtilization([
        {
          averagePercent: 90,
          peakPercent: 95,
          measuredGpuHours: 3,
          idleGpuHours: 0,
          idleCost: 0,
          peakMemoryMiB: 70000,
        },
        undefined,
        {
          averagePercent: 5,
          peakPercent: 5,
          measuredGpuHours: 1,
          idleGpuHours: 1,
          idleCost: 2.5,
        },
      ]),
    ).toEqual({
      averagePercent: (90 * 3 + 5 * 1) / 4,
      peakPercent: 95,
      measuredGpuHours: 4,
      idleGpuHours: 1,
      idleCost: 2.5,
      peakMemoryMiB: 70000,
    });
  });

  it('has nothing to say when nothing was measured', () => {
    expect(combineUtilization([undefined])).toBeUndefined();
    expect(combineUtilization([])).toBeUndefined();
  });

  it('reports 0 % for GPUs seen for no time rather than dividing by zero', () => {
    expect(
      combineUtilization([
        {
          averagePercent: 0,
          peakPercent: 0,
          measuredGpuHours: 0,
          idleGpuHours: 0,
        },
      ])?.averagePercent,
    ).toBe(0);
  });
});
