/**
 * Answers of MLflow kept for a few seconds, so a page that asks twice (or many people opening
 * the same model) costs MLflow one call. Failed calls are not kept. Bounded: the oldest goes first.
 */
export class TtlCache {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<unknown> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }
}
