// The decisions of the keys this node is home of: the limit in force, each key's bucket, and
// each request's decision, kept so that a retry (the same request_id) gets the same answer
// and takes no second token. Nothing is on disk: a restarted node is configured anew by the
// judge with elapsed_ms > 0 and then starts every bucket empty, so what it admitted before
// it died and what it admits after fit in one bucket (statement.md, "Restarts").
import { TokenBucket, type BucketLimit } from "./bucket.ts";
import type { ConfigureRequest } from "./proto.ts";

export class InvalidRequest extends Error {}

/** How long a decision is remembered for its retries (the statement promises 30 s). */
export const DECISION_MEMORY_MS = 30_000;

interface Config {
  limit: BucketLimit;
  burst: number;
  refillPerSecond: number;
  /** When it came into force, on this node's monotonic clock. */
  sinceMs: number;
  /** New buckets start full (the first configuration of the run) or empty. */
  full: boolean;
}

export class Limiter {
  private config: Config | null = null;
  private readonly buckets = new Map<string, TokenBucket>();
  /** request_id → decision, oldest first. */
  private readonly decisions = new Map<string, { allowed: boolean; atMs: number }>();

  configured(): boolean {
    return this.config !== null;
  }

  configure(req: ConfigureRequest, nowMs: number): void {
    const burst = req.burst;
    const refillPerSecond = req.refill_per_second;
    if (!(burst >= 1 && burst <= 1000) || !(refillPerSecond > 0 && refillPerSecond <= 1000))
      throw new InvalidRequest("burst must be 1 to 1000 and refill_per_second above 0, ≤ 1000");
    const now = this.config;
    // The same limit again (a retried Configure): nothing changes.
    if (now && now.burst === burst && now.refillPerSecond === refillPerSecond) return;
    const full = req.elapsed_ms === 0;
    this.config = {
      limit: { burst, refillPerMs: refillPerSecond / 1000 },
      burst,
      refillPerSecond,
      sinceMs: nowMs,
      full,
    };
    this.buckets.clear();
  }

  /** Decides a request on a key this node is home of; not configured: denied, not remembered. */
  decide(key: string, requestId: string, nowMs: number): boolean {
    const config = this.config;
    if (!config) return false;
    this.forgetBefore(nowMs - DECISION_MEMORY_MS);
    const earlier = this.decisions.get(requestId);
    if (earlier) return earlier.allowed;
    const bucket = this.bucketOf(key, config);
    const allowed = bucket.take(config.limit, nowMs);
    this.decisions.set(requestId, { allowed, atMs: nowMs });
    return allowed;
  }

  private bucketOf(key: string, config: Config): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(config.full ? config.burst : 0, config.sinceMs);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private forgetBefore(ms: number): void {
    for (const [id, d] of this.decisions) {
      if (d.atMs >= ms) break;
      this.decisions.delete(id);
    }
  }
}
