import { FailureThrottle } from './failureThrottle';

describe('FailureThrottle', () => {
  it('lets a key fail up to the limit, then makes it wait until the window moves on', () => {
    let now = 1_000_000;
    const throttle = new FailureThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.waitMs('1.2.3.4')).toBe(0);
      throttle.record('1.2.3.4');
      now += 1_000;
    }
    // Three failures at 0, 1 and 2 s: the first leaves the window at 60 s.
    expect(throttle.waitMs('1.2.3.4')).toBe(57_000);
    expect(throttle.waitMs('5.6.7.8')).toBe(0);
    now += 57_000;
    expect(throttle.waitMs('1.2.3.4')).toBe(0);
  });
});
