/**
 * A small value every public page shows (the helplines, the office's contact
 * details), held in memory so that no page waits for the database: reloaded
 * whole at most every `ttlMs` (other instances' edits show within that
 * time) and at once after this instance's own edits (`invalidate`), like the
 * directory index (ADR 004, ADR 024). Concurrent requests share one load.
 */
export class RefreshingValue<T> {
  #value: T;
  #loaded = false;
  #loadedAt = -Infinity;
  #pending: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    initial: T,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#value = initial;
  }

  /** The current value, reloading first when it is older than the freshness window. */
  async get(): Promise<T> {
    if (this.#loaded && this.now() - this.#loadedAt < this.ttlMs) return this.#value;
    this.#pending ??= this.load()
      .then((v) => {
        this.#value = v;
        this.#loaded = true;
        this.#loadedAt = this.now();
        return v;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }

  /** The last loaded value without any I/O (the initial value before the first load). */
  current(): T {
    return this.#value;
  }

  /** Forget the freshness window: the next get() reloads. Call after own writes. */
  invalidate(): void {
    this.#loadedAt = -Infinity;
  }
}
