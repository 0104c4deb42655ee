// A vector-clock node: every event increments the node's own entry; a receive first merges
// the message's clock (entrywise max), then increments. Each event is logged and on disk
// before its answer; a send queues its message for the peer until acknowledged.
import type { ClockFile, ClockState } from "./clock-file.ts";
import type {
  Clock,
  CompareRequest,
  DeliverRequest,
  EventRequest,
  Kind,
  Order,
  SendRequest,
} from "./proto.ts";

/** A request the statement says to refuse with INVALID_ARGUMENT. */
export class InvalidRequest extends Error {}

export function compare(a: Clock, b: Clock): Order {
  let less = false;
  let greater = false;
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[node] ?? 0;
    const y = b[node] ?? 0;
    if (x < y) less = true;
    if (x > y) greater = true;
  }
  if (less && greater) return "CONCURRENT";
  return less ? "BEFORE" : greater ? "AFTER" : "EQUAL";
}

export class ClockNode {
  private readonly state: ClockState;

  constructor(
    private readonly nodeId: string,
    private readonly peers: readonly string[],
    private readonly file: ClockFile,
    /** Called after a send was queued for `peer`. */
    private readonly queued: (peer: string) => void,
  ) {
    this.state = file.load();
  }

  event(req: EventRequest): Clock {
    return this.once(req, () => this.record("LOCAL", "", 0));
  }

  send(req: SendRequest): Clock {
    if (!this.peers.includes(req.to)) throw new InvalidRequest(`cannot send to ${req.to}`);
    const clock = this.once(req, () => {
      const own = (this.state.clock[this.nodeId] ?? 0) + 1;
      const sent = this.record("SEND", req.to, own);
      const outbox = (this.state.outboxes[req.to] ??= []);
      outbox.push({ from: this.nodeId, message: own, clock: sent });
      return sent;
    });
    this.queued(req.to);
    return clock;
  }

  deliver(req: DeliverRequest): void {
    const received = (this.state.received[req.from] ??= []);
    if (received.includes(req.message)) return;
    received.push(req.message);
    for (const [node, count] of Object.entries(req.clock))
      this.state.clock[node] = Math.max(this.state.clock[node] ?? 0, count);
    this.record("RECEIVE", req.from, req.message);
    this.file.save(this.state);
  }

  compare(req: CompareRequest): Order {
    return compare(req.a, req.b);
  }

  log() {
    return this.state.log;
  }

  /** The oldest message to `peer` not acknowledged yet. */
  nextFor(peer: string): DeliverRequest | undefined {
    return this.state.outboxes[peer]?.[0];
  }

  acknowledged(peer: string, message: number): void {
    const outbox = this.state.outboxes[peer] ?? [];
    if (outbox[0]?.message !== message) return;
    outbox.shift();
    this.file.save(this.state);
  }

  /** Runs a client's request once; a retry of its last one answers the first answer again. */
  private once(req: EventRequest, apply: () => Clock): Clock {
    if (!req.client_id || !req.sequence) throw new InvalidRequest("client_id and sequence needed");
    const last = this.state.last[req.client_id];
    if (last && last.sequence >= req.sequence) return last.clock;
    const clock = apply();
    this.state.last[req.client_id] = { sequence: req.sequence, clock };
    this.file.save(this.state);
    return clock;
  }

  /** One event: the own entry goes up by one; the caller saves. */
  private record(kind: Kind, peer: string, message: number): Clock {
    this.state.clock[this.nodeId] = (this.state.clock[this.nodeId] ?? 0) + 1;
    const clock = { ...this.state.clock };
    this.state.log.push({ kind, clock, peer, message });
    return clock;
  }
}
