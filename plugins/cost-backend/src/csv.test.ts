import { summaryCsv } from './csv';

describe('summaryCsv', () => {
  it('adds the utilization columns to the lines and the total that were measured', () => {
    const utilization = {
      averagePercent: 4,
      peakPercent: 6,
      measuredGpuHours: 2,
      idleGpuHours: 2,
      idleCost: 5,
    };
    const csv = summaryCsv({
      team: 'nlp-team',
      from: '2026-12-01',
      to: '2026-12-02',
      currency: 'EUR',
      gpuHours: 3,
      cost: 7.5,
      daily: [{ day: '2026-12-01', gpuHours: 3, cost: 7.5 }],
      byProject: [
        { key: 'exploration', gpuHours: 2, cost: 5, utilization },
        { key: 'not, measured', gpuHours: 1, cost: 2.5 },
      ],
      byModel: [],
      byUser: [],
      byGpuType: [],
      byComputeResource: [],
      utilization,
      utilizationSource: {
        state: 'measured',
        idleBelowPercent: 10,
        resolutionSeconds: 60,
      },
    });
    expect(csv.split('\r\n')).toEqual([
      'section,key,gpu_hours,cost_EUR,avg_gpu_util_pct,peak_gpu_util_pct,idle_gpu_hours,idle_cost_EUR',
      'day,2026-12-01,3,7.5,,,,',
      'project,exploration,2,5,4,6,2,5',
      'project,"not, measured",1,2.5,,,,',
      'total,2026-12-01..2026-12-02,3,7.5,4,6,2,5',
      '',
    ]);
  });
});
