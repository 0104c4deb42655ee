// The client RPC: NOT_LEADER (with the leader this node believes in) for an operation that is
// not in this node's log, so it can never take effect later; UNAVAILABLE for one that is (its
// fate is unknown here); as leader, append the operation and answer OK once it is applied, or
// UNAVAILABLE when the deadline comes or leadership is lost first. Reads go through the log
// too, so a leader cut off from the majority can never answer one.
import { clientAnswerMsMax, clientDeadlineMarginMs } from "./config.ts";
import type { ClientOp } from "./commands.ts";
import type { ClientRequest, ClientResponse } from "./proto.ts";
import type { Applied, RaftNode } from "./raft-node.ts";

/** A request the gRPC layer must refuse with INVALID_ARGUMENT. */
export class InvalidRequestError extends Error {
  override readonly name = "InvalidRequestError";
  constructor(readonly field: "client_id" | "op") {
    super(field === "client_id" ? "client_id must not be empty" : "op must be GET, PUT or APPEND");
  }
}

interface Waiter {
  term: number;
  answer: (res: ClientResponse) => void;
  timer: NodeJS.Timeout;
}

const clientOps: readonly string[] = ["GET", "PUT", "APPEND"] satisfies ClientOp[];

const answer = (
  status: ClientResponse["status"],
  fields: Partial<ClientResponse> = {},
): ClientResponse => ({ status, value: "", found: false, leader_hint: "", ...fields });

export class ClientRequests {
  /** Leader only: the request waiting for each appended index. */
  private readonly waiting = new Map<number, Waiter>();

  constructor(private readonly node: RaftNode) {
    node.onApplied = (a) => this.applied(a);
    node.onLeadershipLost = () => this.answerAll(answer("UNAVAILABLE"));
  }

  /** Answers within `deadlineMs` (epoch ms, the client's deadline) when it can. */
  handle(req: ClientRequest, deadlineMs: number): Promise<ClientResponse> {
    if (!req.client_id) throw new InvalidRequestError("client_id");
    if (!clientOps.includes(req.op)) throw new InvalidRequestError("op");
    if (this.node.role !== "leader") {
      if (this.node.hasOp(req.client_id, req.sequence)) {
        return Promise.resolve(answer("UNAVAILABLE"));
      }
      return Promise.resolve(answer("NOT_LEADER", { leader_hint: this.node.leaderId }));
    }
    const at = this.node.propose({
      clientId: req.client_id,
      sequence: req.sequence,
      op: req.op as ClientOp,
      key: req.key,
      value: req.value,
    });
    if (!at) return Promise.resolve(answer("UNAVAILABLE"));
    const waitMs = Math.min(clientAnswerMsMax, deadlineMs - Date.now() - clientDeadlineMarginMs);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(at.index);
        resolve(answer("UNAVAILABLE"));
      }, waitMs);
      this.waiting.set(at.index, { term: at.term, answer: resolve, timer });
    });
  }

  private applied(a: Applied): void {
    const waiter = this.waiting.get(a.index);
    if (!waiter) return;
    this.waiting.delete(a.index);
    clearTimeout(waiter.timer);
    // Another term's entry at this index means ours was replaced: it never took effect here.
    if (waiter.term !== a.term || a.result === null) waiter.answer(answer("UNAVAILABLE"));
    else waiter.answer(answer("OK", a.result));
  }

  private answerAll(res: ClientResponse): void {
    for (const waiter of this.waiting.values()) {
      clearTimeout(waiter.timer);
      waiter.answer(res);
    }
    this.waiting.clear();
  }
}
