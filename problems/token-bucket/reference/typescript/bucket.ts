// One key's bucket: it holds at most `burst` tokens, gains `refillPerMs` per ms since it was
// last looked at, and a request goes through when it can take a whole token. Times are the
// node's monotonic milliseconds: only their differences matter, so a clock set off by a
// constant changes nothing.

export interface BucketLimit {
  burst: number;
  refillPerMs: number;
}

export class TokenBucket {
  constructor(
    private tokens: number,
    private lastMs: number,
  ) {}

  take(limit: BucketLimit, nowMs: number): boolean {
    this.tokens = Math.min(limit.burst, this.tokens + (nowMs - this.lastMs) * limit.refillPerMs);
    this.lastMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
