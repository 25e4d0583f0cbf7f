/**
 * Counts failures per key (a client address) in a sliding window; once a key has `limit`
 * failures within `windowMs`, it waits until the oldest of them leaves the window.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the key must wait before its next attempt; 0 when it may go on. */
  waitMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) {
      return 0;
    }
    return recent[recent.length - this.limit] + this.windowMs - this.now();
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter(t => t > since);
    if (kept.length === 0) {
      this.failures.delete(key);
    } else {
      this.failures.set(key, kept);
    }
    return kept;
  }
}
