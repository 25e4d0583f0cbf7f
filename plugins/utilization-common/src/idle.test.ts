import { idlePolicyInputSchema } from './idle';

describe('idlePolicyInputSchema', () => {
  it('takes minutes with fractions and fills in the defaults', () => {
    expect(
      idlePolicyInputSchema.parse({ windowMinutes: 0.5, graceMinutes: 0 }),
    ).toEqual({
      idleBelowPercent: 10,
      windowMinutes: 0.5,
      graceMinutes: 0,
      snoozeMinutes: 60,
      maxSnoozes: 3,
    });
  });

  it('names what is wrong', () => {
    const result = idlePolicyInputSchema.safeParse({
      idleBelowPercent: 0,
      windowMinutes: 0.1,
      graceMinutes: -1,
      maxSnoozes: 1.5,
      stopAfter: 3,
    });
    expect(result.success).toBe(false);
    expect(
      result.error!.issues.map(i => `${i.path.join('.')}: ${i.message}`),
    ).toEqual([
      'idleBelowPercent: must be a utilization in % above 0 and at most 100',
      'windowMinutes: must be 0.25 to 1440 minutes (how long a workload must stay idle)',
      'graceMinutes: must be 0 to 1440 minutes (notice before it is stopped)',
      'maxSnoozes: must be a whole number from 0 to 20',
      expect.stringMatching(/stopAfter/),
    ]);
  });
});
