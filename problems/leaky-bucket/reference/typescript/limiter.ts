// The decisions of the keys this node is home to: one drain queue per key on this node's
// monotonic clock, each request id's answer remembered so a retry gets the same one and
// counts once, and, after a late Configure (elapsed_ms above 0: the node may have let
// requests out before it lost its memory), no release sooner than one drain interval later.
import { DrainQueue } from "./drain-queue.ts";

export class InvalidRequest extends Error {}
export class OtherConfig extends Error {}

export interface LimitConfig {
  drain_per_second: number;
  queue_size: number;
  elapsed_ms: number;
}

/** How long a request id's answer is remembered (the judge retries one for at most 4.5 s). */
export const ID_MEMORY_MS = 30_000;

export class Limiter {
  private config: LimitConfig | null = null;
  private readonly queues = new Map<string, DrainQueue>();
  /** Request id → its answer (pending until its release) and when it was asked. */
  private readonly decided = new Map<string, { allowed: Promise<boolean>; at: number }>();
  /** No release before this (monotonic ms). */
  private notBefore = -Infinity;

  constructor(
    /** This node's monotonic clock in ms: durations only, never compared across nodes. */
    private readonly now: () => number,
    /** Resolves after `ms` of this node's time. */
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** The longest a request may wait here, once configured. */
  longestWaitMs(): number | null {
    const c = this.config;
    return c ? (c.queue_size * 1000) / c.drain_per_second : null;
  }

  configure(config: LimitConfig): void {
    const { drain_per_second, queue_size, elapsed_ms } = config;
    if (
      !(drain_per_second > 0 && drain_per_second <= 1000) ||
      !(queue_size >= 0 && queue_size <= 1000)
    )
      throw new InvalidRequest(
        "drain_per_second must be above 0 and at most 1000, queue_size 0 to 1000",
      );
    if (this.config) {
      // A retry of the Configure in force (its answer was lost): nothing changes.
      if (
        this.config.drain_per_second === drain_per_second &&
        this.config.queue_size === queue_size
      )
        return;
      throw new OtherConfig(`configured already with ${JSON.stringify(this.config)}`);
    }
    this.config = { drain_per_second, queue_size, elapsed_ms };
    // An earlier life's last release was before this call: one interval from now is after it.
    if (elapsed_ms > 0) this.notBefore = this.now() + 1000 / drain_per_second;
  }

  /** The answer for a request of `key` this node is home to: allowed at its release. */
  decide(key: string, requestId: string): Promise<boolean> {
    const config = this.config;
    // Not configured (yet, or again after a restart): nothing is known to be safe.
    if (!config) return Promise.resolve(false);
    const now = this.now();
    for (const [id, { at }] of this.decided) {
      if (at > now - ID_MEMORY_MS) break;
      this.decided.delete(id);
    }
    const known = this.decided.get(requestId);
    if (known) return known.allowed;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = new DrainQueue()));
    const release = queue.admit(
      now,
      1000 / config.drain_per_second,
      config.queue_size,
      this.notBefore,
    );
    const allowed =
      release === null ? Promise.resolve(false) : this.sleep(release - now).then(() => true);
    this.decided.set(requestId, { allowed, at: now });
    return allowed;
  }
}
