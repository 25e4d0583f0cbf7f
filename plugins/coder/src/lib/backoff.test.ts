import { nextAttempt, pollDelay } from './backoff';

describe('pollDelay', () => {
  it('doubles from 1 s and stays at 15 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 100].map(a => pollDelay(a))).toEqual([
      1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000,
    ]);
  });

  it('treats odd attempts as the first', () => {
    expect(pollDelay(-3)).toBe(1000);
    expect(pollDelay(NaN)).toBe(1000);
  });

  it('follows another schedule when given one', () => {
    expect(
      [0, 1, 2, 3].map(a =>
        pollDelay(a, { initialMs: 500, factor: 3, maxMs: 5000 }),
      ),
    ).toEqual([500, 1500, 4500, 5000]);
  });
});

describe('nextAttempt', () => {
  it('starts over after a change and slows down without one', () => {
    expect(nextAttempt(4, true)).toBe(0);
    expect(nextAttempt(0, false)).toBe(1);
    expect(nextAttempt(3, false)).toBe(4);
  });
});
