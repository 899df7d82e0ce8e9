// Failed sign-ins are counted per client address and per user name in a sliding window; past the limit the login
// answers 429 with Retry-After until the oldest failure leaves the window. A success clears the name's count.
export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(private readonly maxFailures = 10, private readonly windowMs = 10 * 60_000) {}

  /** Seconds to wait before another attempt with these keys, or 0. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.maxFailures) wait = Math.max(wait, Math.ceil((times[0] + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now = Date.now()): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 50_000) this.failures.clear();
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}
