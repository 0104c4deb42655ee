// Ricart and Agrawala's algorithm for one node, without I/O of its own: a Lamport clock, the
// request this node's client is waiting for or holding, and the replies it deferred. Peer
// messages go out through `send`, which delivers each one eventually (peer-outbox.ts).
// Nothing is on disk: no scenario restarts a node (statement.md).

export class InvalidRequest extends Error {}
/** Another request is pending or held here: one at a time. */
export class Busy extends Error {}
/** The acquire was released (before or after its grant): it will never be granted now. */
export class Released extends Error {}

export type PeerKind = "Request" | "Reply";
export type Send = (peer: string, kind: PeerKind, timestamp: number) => void;

/** A node id's number: "node-2" → 2. Ties between equal timestamps go to the smaller. */
export const idNumber = (id: string): number => Number(id.slice(id.lastIndexOf("-") + 1));

/** (timestamp, node id) order: true when a's request goes first. */
export function goesFirst(aTs: number, aNode: string, bTs: number, bNode: string): boolean {
  return aTs < bTs || (aTs === bTs && idNumber(aNode) < idNumber(bNode));
}

interface Mine {
  clientId: string;
  sequence: number;
  timestamp: number;
  held: boolean;
  replied: Set<string>;
  granted: Promise<number>;
  grant(timestamp: number): void;
  withdraw(err: Error): void;
}

export class MutexNode {
  private clock = 0;
  private mine: Mine | null = null;
  /** peer → the timestamp of its request this node owes a Reply, sent on release. */
  private readonly deferred = new Map<string, number>();
  /** peer → the highest request timestamp handled: a resent Request is a duplicate. */
  private readonly handled = new Map<string, number>();
  /** client → the highest sequence released here: a late retry of it is not a new request. */
  private readonly released = new Map<string, number>();

  constructor(
    private readonly nodeId: string,
    private readonly peers: readonly string[],
    private readonly send: Send,
  ) {}

  /** Resolves with the request's timestamp once this node holds the critical section for it. */
  acquire(clientId: string, sequence: number): Promise<number> {
    if (!clientId || !(sequence > 0))
      return Promise.reject(
        new InvalidRequest("an acquire needs a client_id and a sequence from 1"),
      );
    const mine = this.mine;
    // A retry: the same request, granted already or still waiting.
    if (mine && mine.clientId === clientId && mine.sequence === sequence) return mine.granted;
    if ((this.released.get(clientId) ?? 0) >= sequence)
      return Promise.reject(new Released(`${clientId} #${sequence} was released already`));
    if (mine)
      return Promise.reject(new Busy(`${mine.clientId} #${mine.sequence} is pending or held here`));
    this.clock += 1;
    let grant: (ts: number) => void = () => {};
    let withdraw: (err: Error) => void = () => {};
    const granted = new Promise<number>((res, rej) => {
      grant = res;
      withdraw = rej;
    });
    // A withdrawn request nobody waits for any more must not crash the process.
    granted.catch(() => {});
    const request: Mine = {
      clientId,
      sequence,
      timestamp: this.clock,
      held: false,
      replied: new Set(),
      granted,
      grant,
      withdraw,
    };
    this.mine = request;
    for (const peer of this.peers) this.send(peer, "Request", request.timestamp);
    this.enterIfPermitted();
    return granted;
  }

  /** Leaves the critical section, or withdraws a request still waiting. Idempotent. */
  release(clientId: string, sequence: number): void {
    if (!clientId || !(sequence > 0))
      throw new InvalidRequest("a release needs a client_id and a sequence from 1");
    this.released.set(clientId, Math.max(this.released.get(clientId) ?? 0, sequence));
    const mine = this.mine;
    if (!mine || mine.clientId !== clientId || mine.sequence !== sequence) return;
    this.mine = null;
    if (!mine.held)
      mine.withdraw(new Released(`${clientId} #${sequence} was released before its grant`));
    for (const [peer, timestamp] of this.deferred) this.send(peer, "Reply", timestamp);
    this.deferred.clear();
  }

  onRequest(from: string, timestamp: number): void {
    this.clock = Math.max(this.clock, timestamp) + 1;
    if (!this.peers.includes(from) || timestamp <= (this.handled.get(from) ?? 0)) return;
    this.handled.set(from, timestamp);
    const mine = this.mine;
    const defer =
      mine !== null && (mine.held || goesFirst(mine.timestamp, this.nodeId, timestamp, from));
    if (defer) this.deferred.set(from, timestamp);
    else this.send(from, "Reply", timestamp);
  }

  onReply(from: string, timestamp: number): void {
    this.clock = Math.max(this.clock, timestamp) + 1;
    const mine = this.mine;
    // A Reply to a request withdrawn or answered already is late: nothing to do.
    if (!mine || mine.held || mine.timestamp !== timestamp || !this.peers.includes(from)) return;
    mine.replied.add(from);
    this.enterIfPermitted();
  }

  private enterIfPermitted(): void {
    const mine = this.mine;
    if (!mine || mine.held || mine.replied.size < this.peers.length) return;
    mine.held = true;
    mine.grant(mine.timestamp);
  }
}
