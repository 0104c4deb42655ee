// The client RPC. Writes: as head, make one update per (client_id, sequence) (a retry finds
// its update in the sessions) and answer OK once `acked` covers it, UNAVAILABLE if that takes
// too long; any other node answers NOT_HEAD and never applies it. Reads: as tail (holding its
// state), answer from the map; any other node answers NOT_TAIL. Unconfigured: UNAVAILABLE.
import type { ChainNode } from "./chain-node.ts";
import { ackWaitMsMax, clientDeadlineMarginMs } from "./config.ts";
import type { ClientRequest, ClientResponse } from "./proto.ts";

/** A request the gRPC layer must refuse with INVALID_ARGUMENT. */
export class InvalidRequestError extends Error {
  override readonly name = "InvalidRequestError";
}

interface Waiter {
  seq: number;
  answer: (res: ClientResponse) => void;
  timer: NodeJS.Timeout;
}

const answer = (
  status: ClientResponse["status"],
  fields: Partial<ClientResponse> = {},
): ClientResponse => ({ status, value: "", found: false, hint: "", ...fields });

export class ClientRequests {
  /** Head only: the writes waiting for the tail's Ack. */
  private readonly waiting = new Set<Waiter>();

  constructor(private readonly node: ChainNode) {
    node.onAcked = (acked) => this.acked(acked);
  }

  /** Answers within `deadlineMs` (epoch ms, the client's deadline) when it can. */
  handle(req: ClientRequest, deadlineMs: number): Promise<ClientResponse> {
    if (!req.client_id) throw new InvalidRequestError("client_id must not be empty");
    if (req.sequence === 0) throw new InvalidRequestError("sequence starts at 1");
    if (req.op !== "GET" && req.op !== "PUT" && req.op !== "APPEND")
      throw new InvalidRequestError("op must be GET, PUT or APPEND");
    const node = this.node;
    if (node.epoch === 0) return Promise.resolve(answer("UNAVAILABLE"));
    if (req.op === "GET") {
      if (node.tail !== node.nodeId)
        return Promise.resolve(answer("NOT_TAIL", { hint: node.tail }));
      if (node.waiting) return Promise.resolve(answer("UNAVAILABLE"));
      return Promise.resolve(answer("OK", node.store.read(req.key)));
    }
    if (node.head !== node.nodeId) return Promise.resolve(answer("NOT_HEAD", { hint: node.head }));
    const seq = this.updateFor(req);
    // A sequence below the client's latest: never applied, and its fate is not known here.
    if (seq === null) return Promise.resolve(answer("UNAVAILABLE"));
    if (node.acked >= seq) return Promise.resolve(answer("OK"));
    const waitMs = Math.min(ackWaitMsMax, deadlineMs - Date.now() - clientDeadlineMarginMs);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        seq,
        answer: resolve,
        // Outcome unknown: the update stays in the chain and a retry finds it.
        timer: setTimeout(() => {
          this.waiting.delete(waiter);
          resolve(answer("UNAVAILABLE"));
        }, waitMs),
      };
      this.waiting.add(waiter);
    });
  }

  /** The seq of the update carrying this write: its earlier one for a retry, else a new one. */
  private updateFor(req: ClientRequest): number | null {
    const applied = this.node.store.session(req.client_id);
    if (applied && req.sequence === applied.sequence) return applied.seq;
    if (applied && req.sequence < applied.sequence) return null;
    const { client_id, sequence, key, value } = req;
    return this.node.write({
      client_id,
      sequence,
      op: req.op === "PUT" ? "PUT" : "APPEND",
      key,
      value,
    });
  }

  private acked(acked: number): void {
    for (const waiter of this.waiting) {
      if (waiter.seq > acked) continue;
      this.waiting.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.answer(answer("OK"));
    }
  }
}
