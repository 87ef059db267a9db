/**
 * Token bucket for client messages: `burst` messages at once, refilled at `perSecond`. A refused
 * message learns how long until the next token, so the error can carry retry_after_ms.
 */
export class TokenBucket {
  private tokens: number;
  private updatedMs: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.updatedMs = nowMs;
  }

  get perSecondRate(): number {
    return this.perSecond;
  }

  take(nowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const elapsed = Math.max(0, nowMs - this.updatedMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSecond) / 1000);
    this.updatedMs = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - this.tokens) * 1000) / this.perSecond) };
  }
}
