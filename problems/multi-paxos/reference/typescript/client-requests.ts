// The client RPC. Not leading: NOT_LEADER (with the leader this node believes in) for an
// operation in no slot it accepted or learnt, so it can never take effect through this node;
// UNAVAILABLE for one that is (its fate is unknown here). Leading: the original answer for a
// retry already applied; otherwise propose it (or wait for the slot where it is already being
// proposed) and answer OK once applied, or UNAVAILABLE when the deadline comes or leadership
// is lost first. GETs go through the log too, so a leader cut off from the majority can never
// answer one.
import { clientAnswerMsMax, clientDeadlineMarginMs } from "./config.ts";
import type { Op } from "./commands.ts";
import type { PaxosNode } from "./paxos-node.ts";
import type { ClientRequest, ClientResponse } from "./proto.ts";

/** A request the gRPC layer must refuse with INVALID_ARGUMENT. */
export class InvalidRequestError extends Error {
  override readonly name = "InvalidRequestError";
  constructor(readonly field: "client_id" | "op") {
    super(field === "client_id" ? "client_id must not be empty" : "op must be GET, PUT or APPEND");
  }
}

interface Waiter {
  clientId: string;
  sequence: number;
  answer: (res: ClientResponse) => void;
  timer: NodeJS.Timeout;
}

const clientOps: readonly string[] = ["GET", "PUT", "APPEND"] satisfies Op[];

const answer = (
  status: ClientResponse["status"],
  fields: Partial<ClientResponse> = {},
): ClientResponse => ({ status, value: "", found: false, leader_hint: "", slot: 0, ...fields });

export class ClientRequests {
  /** Leader only: the requests waiting for each slot to be applied. */
  private readonly waiting = new Map<number, Waiter[]>();

  constructor(private readonly node: PaxosNode) {
    node.onApplied = (slot) => this.applied(slot);
    node.onLeadershipLost = () => this.answerAll(answer("UNAVAILABLE"));
  }

  /** Answers within `deadlineMs` (epoch ms, the client's deadline) when it can. */
  handle(req: ClientRequest, deadlineMs: number): Promise<ClientResponse> {
    if (!req.client_id) throw new InvalidRequestError("client_id");
    if (!clientOps.includes(req.op)) throw new InvalidRequestError("op");
    const { client_id: clientId, sequence } = req;
    const session = this.node.machine.session(clientId);
    if (this.node.role !== "leader") {
      if (this.node.hasOp(clientId, sequence) || (session && session.sequence >= sequence))
        return Promise.resolve(answer("UNAVAILABLE"));
      return Promise.resolve(answer("NOT_LEADER", { leader_hint: this.node.leaderHint }));
    }
    if (session && session.sequence === sequence)
      return Promise.resolve(answer("OK", { ...session.result, slot: session.slot }));
    // An older sequence than the client's latest is never sent by the judge: never applied.
    if (session && session.sequence > sequence) return Promise.resolve(answer("UNAVAILABLE"));
    const slot =
      this.node.openSlotOf(clientId, sequence) ??
      this.node.propose({ clientId, sequence, op: req.op as Op, key: req.key, value: req.value });
    if (slot === null) return Promise.resolve(answer("UNAVAILABLE"));
    const waitMs = Math.min(clientAnswerMsMax, deadlineMs - Date.now() - clientDeadlineMarginMs);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        clientId,
        sequence,
        answer: resolve,
        timer: setTimeout(() => {
          this.forget(slot, waiter);
          resolve(answer("UNAVAILABLE"));
        }, waitMs),
      };
      this.waiting.set(slot, [...(this.waiting.get(slot) ?? []), waiter]);
    });
  }

  private applied(slot: number): void {
    const waiters = this.waiting.get(slot);
    if (!waiters) return;
    this.waiting.delete(slot);
    for (const w of waiters) {
      clearTimeout(w.timer);
      // The operation took effect at the first slot that held it, maybe an earlier one.
      const session = this.node.machine.session(w.clientId);
      if (session && session.sequence === w.sequence)
        w.answer(answer("OK", { ...session.result, slot: session.slot }));
      else w.answer(answer("UNAVAILABLE"));
    }
  }

  private forget(slot: number, waiter: Waiter): void {
    const rest = (this.waiting.get(slot) ?? []).filter((w) => w !== waiter);
    if (rest.length > 0) this.waiting.set(slot, rest);
    else this.waiting.delete(slot);
  }

  private answerAll(res: ClientResponse): void {
    for (const waiters of this.waiting.values()) {
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.answer(res);
      }
    }
    this.waiting.clear();
  }
}
