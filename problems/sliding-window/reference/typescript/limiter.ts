// The decisions of the keys this node is home to, without I/O of its own but the config
// file: one sliding log per key on this node's monotonic clock, each request id's decision
// remembered so a retry gets the same answer and counts once, and after a restart no
// request allowed until a whole window has passed, since the allows made before the crash
// were not kept.
import type { ConfigStore, LimitConfig } from "./config-file.ts";
import { SlidingLog } from "./sliding-log.ts";

export class InvalidRequest extends Error {}
export class NotConfigured extends Error {}
export class OtherConfig extends Error {}

/** How long a request id's decision is remembered (the judge retries one for at most 5 s). */
export const ID_MEMORY_MS = 30_000;

export class Limiter {
  private config: LimitConfig | null;
  private readonly logs = new Map<string, SlidingLog>();
  /** Request id → its decision and when it was made, oldest first. */
  private readonly decided = new Map<string, { allowed: boolean; at: number }>();
  /** Nothing is allowed before this (monotonic ms). */
  private readonly quietUntil: number;

  constructor(
    private readonly file: ConfigStore,
    /** This node's monotonic clock in ms: durations only, never compared across nodes. */
    private readonly now: () => number,
  ) {
    this.config = file.load();
    // A config on disk at start-up: the node ran before and may have allowed requests
    // within the last window, which it no longer knows.
    this.quietUntil = this.config ? now() + this.config.window_ms : -Infinity;
  }

  configured(): LimitConfig | null {
    return this.config;
  }

  configure(config: LimitConfig): void {
    const { limit, window_ms } = config;
    if (!(limit >= 1 && limit <= 1000) || !(window_ms >= 100 && window_ms <= 60_000))
      throw new InvalidRequest("limit must be 1 to 1000 and window_ms 100 to 60000");
    if (this.config) {
      if (this.config.limit === limit && this.config.window_ms === window_ms) return;
      throw new OtherConfig(`configured already with ${JSON.stringify(this.config)}`);
    }
    this.file.save({ limit, window_ms });
    this.config = { limit, window_ms };
  }

  /** The decision for a request of `key` this node is home to. */
  decide(key: string, clientId: string, sequence: number): boolean {
    const config = this.config;
    // Not configured yet: nothing is known to be safe.
    if (!config) return false;
    const now = this.now();
    this.forget(now);
    const id = `${clientId}#${sequence}`;
    const known = this.decided.get(id);
    if (known) return known.allowed;
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = new SlidingLog()));
    const allowed = now >= this.quietUntil && log.admit(now, config.limit, config.window_ms);
    this.decided.set(id, { allowed, at: now });
    return allowed;
  }

  private forget(now: number): void {
    for (const [id, { at }] of this.decided) {
      if (at > now - ID_MEMORY_MS) break;
      this.decided.delete(id);
    }
  }
}
