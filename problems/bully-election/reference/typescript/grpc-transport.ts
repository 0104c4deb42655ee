// The peer calls over gRPC, each with the contract's deadline: an Election waits
// ELECTION_ANSWER_MS for its OK; a Coordinator or Heartbeat is sent and forgotten (the next
// heartbeat, or the receiver's own election, makes up for one that is lost).
import type { PeerRequest, Timers, Transport } from "./bully-node.ts";
import type { PeerClient } from "./proto.ts";
import { ELECTION_ANSWER_MS, HEARTBEAT_MS } from "./timing.ts";

/** How long a Coordinator call may take before it is dropped. */
const COORDINATOR_CALL_MS = 500;

export class GrpcTransport implements Transport {
  constructor(private readonly peers: ReadonlyMap<number, PeerClient>) {}

  election(to: number, req: PeerRequest, done: (answered: boolean) => void): void {
    this.peer(to).Election(req, { deadline: Date.now() + ELECTION_ANSWER_MS }, (err) => done(!err));
  }

  coordinator(to: number, req: PeerRequest): void {
    this.peer(to).Coordinator(req, { deadline: Date.now() + COORDINATOR_CALL_MS }, () => {});
  }

  heartbeat(to: number, sender: number): void {
    this.peer(to).Heartbeat({ sender }, { deadline: Date.now() + HEARTBEAT_MS }, () => {});
  }

  private peer(id: number): PeerClient {
    const client = this.peers.get(id);
    if (!client) throw new Error(`no peer with id ${id}`);
    return client;
  }
}

/** Real time, for the node that runs. */
export const realTimers: Timers = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
