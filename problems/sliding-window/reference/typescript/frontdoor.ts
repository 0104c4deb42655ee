// Allow at any node: the request goes to its key's home (this node, or a peer asked with
// Forward), and its answer is remembered by request id, so a retry gets the same one even
// when the first answer was lost. A home that cannot be reached in time means deny: a side
// of a partition never decides for a key it does not own (the consistent mode).
import { homeOf } from "./home.ts";
import { ID_MEMORY_MS, InvalidRequest, type Limiter } from "./limiter.ts";
import type { AllowRequest } from "./proto.ts";

/** Asks `home` to decide; rejects when the call fails or times out. */
export type Forward = (home: string, req: AllowRequest) => Promise<boolean>;

export class Frontdoor {
  /** Request id → its answer (pending while the home decides) and when it was asked. */
  private readonly answers = new Map<string, { allowed: Promise<boolean>; at: number }>();

  constructor(
    private readonly nodeId: string,
    private readonly nodes: readonly string[],
    private readonly limiter: Limiter,
    private readonly forward: Forward,
    private readonly now: () => number,
  ) {}

  allow(req: AllowRequest): Promise<boolean> {
    if (!validText(req.key, 64) || !validText(req.request_id, 128))
      throw new InvalidRequest("a request needs a key (1 to 64 bytes) and a request_id (1 to 128)");
    // Not configured: deny, and remember nothing (a retry once configured decides anew).
    if (!this.limiter.configured()) return Promise.resolve(false);
    const now = this.now();
    for (const [id, { at }] of this.answers) {
      if (at > now - ID_MEMORY_MS) break;
      this.answers.delete(id);
    }
    const known = this.answers.get(req.request_id);
    if (known) return known.allowed;
    const home = homeOf(req.key, this.nodes);
    const allowed =
      home === this.nodeId
        ? Promise.resolve(this.limiter.decide(req.key, req.request_id))
        : this.forward(home, req).catch(() => false);
    this.answers.set(req.request_id, { allowed, at: now });
    return allowed;
  }
}

const validText = (text: string, maxBytes: number): boolean =>
  text.length > 0 && Buffer.byteLength(text) <= maxBytes;
