// A fixed window node without I/O of its own: a request on a key this node is home of is
// decided here; any other goes to the key's home, and when the home does not answer the
// request is denied, never decided here: two nodes deciding one key would each admit a full
// window's limit (the consistent mode, statement.md).
import { homeOf } from "./home.ts";
import { InvalidRequest, type Limiter } from "./limiter.ts";
import type { AllowRequest, ConfigureRequest, ForwardRequest } from "./proto.ts";

/** The node's way to its peers: the home's decision, or null when it did not answer. */
export interface Peers {
  forward(node: string, req: ForwardRequest): Promise<boolean | null>;
}

export class FixedWindowNode {
  constructor(
    private readonly nodeId: string,
    private readonly nodes: readonly string[],
    private readonly limiter: Limiter,
    private readonly peers: Peers,
    /** Monotonic milliseconds. */
    private readonly now: () => number,
  ) {}

  configure(req: ConfigureRequest): void {
    this.limiter.configure(req, this.now());
  }

  async allow(req: AllowRequest): Promise<boolean> {
    if (!req.key || !req.request_id || req.key.length > 64 || req.request_id.length > 128)
      throw new InvalidRequest("a request needs a key (≤ 64 bytes) and a request_id (≤ 128)");
    const home = homeOf(req.key, this.nodes);
    if (home === this.nodeId) return this.limiter.decide(req.key, req.request_id, this.now());
    const answer = await this.peers.forward(home, { ...req, from: this.nodeId });
    return answer ?? false;
  }

  /** A peer's request on a key this node is home of. */
  forwarded(req: ForwardRequest): boolean {
    return this.limiter.decide(req.key, req.request_id, this.now());
  }
}
