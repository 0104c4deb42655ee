// Allow at any node: the request goes to its key's home (this node, or a peer asked with
// Decide), and its answer is remembered by request id, so a retry gets the same one even
// when the first answer was lost. A home that cannot be reached in time means deny: a side
// of a partition never decides for a key it does not own (the consistent mode).
import { homeOf } from "./home.ts";
import { ID_MEMORY_MS, InvalidRequest, NotConfigured, type Limiter } from "./limiter.ts";
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
    if (!req.key || Buffer.byteLength(req.key) > 64 || !req.client_id || !(req.sequence >= 1))
      throw new InvalidRequest(
        "a request needs a key (1 to 64 bytes), a client_id and a sequence from 1",
      );
    if (!this.limiter.configured()) throw new NotConfigured("Configure has not been called");
    const now = this.now();
    for (const [id, { at }] of this.answers) {
      if (at > now - ID_MEMORY_MS) break;
      this.answers.delete(id);
    }
    const id = `${req.client_id}#${req.sequence}`;
    const known = this.answers.get(id);
    if (known) return known.allowed;
    const home = homeOf(req.key, this.nodes);
    const allowed =
      home === this.nodeId
        ? Promise.resolve(this.limiter.decide(req.key, req.client_id, req.sequence))
        : this.forward(home, req).catch(() => false);
    this.answers.set(id, { allowed, at: now });
    return allowed;
  }
}
