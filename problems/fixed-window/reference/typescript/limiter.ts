// The decisions of the keys this node is home of: the windows in force, each key's count in
// its current window, and each request's decision, kept so that a retry (the same
// request_id) gets the same answer and counts once. Nothing is on disk: a restarted node is
// configured anew by the judge with elapsed_ms > 0 and admits nothing before the next window
// (windows.ts), so a window never holds what it admitted before and after it died together.
import type { ConfigureRequest } from "./proto.ts";
import { windowAt, windowConfig, type WindowConfig } from "./windows.ts";

export class InvalidRequest extends Error {}

/** How long a decision is remembered for its retries (the statement promises 30 s). */
export const DECISION_MEMORY_MS = 30_000;

export class Limiter {
  private config: WindowConfig | null = null;
  /** key → its window and how many were allowed in it. */
  private readonly counts = new Map<string, { window: number; allowed: number }>();
  /** request_id → decision, oldest first. */
  private readonly decisions = new Map<string, { allowed: boolean; atMs: number }>();

  configure(req: ConfigureRequest, nowMs: number): void {
    const { limit, window_ms: windowMs } = req;
    if (!(limit >= 1 && limit <= 1000) || !(windowMs >= 100 && windowMs <= 60_000))
      throw new InvalidRequest("limit must be 1 to 1000 and window_ms 100 to 60000");
    // The same limit again (a retried Configure): the windows stay where they are.
    if (this.config && this.config.limit === limit && this.config.windowMs === windowMs) return;
    this.config = windowConfig(limit, windowMs, req.elapsed_ms, nowMs);
    this.counts.clear();
  }

  /** Decides a request on a key this node is home of; not configured: denied, not remembered. */
  decide(key: string, requestId: string, nowMs: number): boolean {
    const config = this.config;
    if (!config) return false;
    this.forgetBefore(nowMs - DECISION_MEMORY_MS);
    const earlier = this.decisions.get(requestId);
    if (earlier) return earlier.allowed;
    const allowed = this.count(key, config, nowMs);
    this.decisions.set(requestId, { allowed, atMs: nowMs });
    return allowed;
  }

  private count(key: string, config: WindowConfig, nowMs: number): boolean {
    const window = windowAt(config, nowMs);
    if (window < config.firstWindow) return false;
    let count = this.counts.get(key);
    if (!count || count.window !== window) {
      count = { window, allowed: 0 };
      this.counts.set(key, count);
    }
    if (count.allowed >= config.limit) return false;
    count.allowed++;
    return true;
  }

  private forgetBefore(ms: number): void {
    for (const [id, d] of this.decisions) {
      if (d.atMs >= ms) break;
      this.decisions.delete(id);
    }
  }
}
