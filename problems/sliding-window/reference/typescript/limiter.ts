// The decisions of the keys this node is home to, without I/O: one sliding log per key on
// this node's monotonic clock, each request id's decision remembered so a retry gets the
// same answer and counts once, and, when the judge's Configure says this node may have
// allowed requests in an earlier life (elapsed_ms above 0), nothing allowed until a whole
// window has passed: those allows were not kept, and this wait outlives every one of them.
import { SlidingLog } from "./sliding-log.ts";

export class InvalidRequest extends Error {}
export class OtherConfig extends Error {}

export interface LimitConfig {
  limit: number;
  window_ms: number;
  elapsed_ms: number;
}

/** How long a request id's decision is remembered (the judge retries one for at most 4.5 s). */
export const ID_MEMORY_MS = 30_000;

export class Limiter {
  private config: LimitConfig | null = null;
  private readonly logs = new Map<string, SlidingLog>();
  /** Request id → its decision and when it was made, oldest first. */
  private readonly decided = new Map<string, { allowed: boolean; at: number }>();
  /** Nothing is allowed before this (monotonic ms). */
  private quietUntil = -Infinity;

  constructor(
    /** This node's monotonic clock in ms: durations only, never compared across nodes. */
    private readonly now: () => number,
  ) {}

  configured(): boolean {
    return this.config !== null;
  }

  configure(config: LimitConfig): void {
    const { limit, window_ms, elapsed_ms } = config;
    if (!(limit >= 1 && limit <= 1000) || !(window_ms >= 100 && window_ms <= 60_000))
      throw new InvalidRequest("limit must be 1 to 1000 and window_ms 100 to 60000");
    if (this.config) {
      // A retry of the Configure in force (its answer was lost): nothing changes.
      if (this.config.limit === limit && this.config.window_ms === window_ms) return;
      throw new OtherConfig(`configured already with ${JSON.stringify(this.config)}`);
    }
    this.config = { limit, window_ms, elapsed_ms };
    // Configured late in the run: an earlier life of this node may have allowed requests
    // up to its crash, before this call; a window from now, every one of them is out.
    if (elapsed_ms > 0) this.quietUntil = this.now() + window_ms;
  }

  /** The decision for a request of `key` this node is home to. */
  decide(key: string, requestId: string): boolean {
    const config = this.config;
    // Not configured (yet, or again after a restart): nothing is known to be safe.
    if (!config) return false;
    const now = this.now();
    this.forget(now);
    const known = this.decided.get(requestId);
    if (known) return known.allowed;
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = new SlidingLog()));
    const allowed = now >= this.quietUntil && log.admit(now, config.limit, config.window_ms);
    this.decided.set(requestId, { allowed, at: now });
    return allowed;
  }

  private forget(now: number): void {
    for (const [id, { at }] of this.decided) {
      if (at > now - ID_MEMORY_MS) break;
      this.decided.delete(id);
    }
  }
}
