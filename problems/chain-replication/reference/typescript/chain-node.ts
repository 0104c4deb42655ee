// One chain node: its epoch and chain (from the judge's Configure), what it holds, how far
// the tail is known to have applied (`acked`), and the two links of the epoch: updates down
// to its successor, Acks up to its predecessor. Peer calls are answered here; client
// requests go through client-requests.ts, which waits on `acked`.
import { sendAcks } from "./ack-sender.ts";
import { Wakeup, type PeerTransport } from "./peer-call.ts";
import type {
  AckRequest,
  ConfigureRequest,
  ConfigureResponse,
  ForwardRequest,
  PeerResponse,
  PeerStatus,
  TransferRequest,
} from "./proto.ts";
import { ChainStore, type Update } from "./store.ts";
import { SuccessorLink } from "./successor-link.ts";

export interface ChainNodeParts {
  nodeId: string;
  peers: PeerTransport;
}

export class ChainNode {
  readonly store = new ChainStore();
  /** 0 until the first Configure. */
  epoch = 0;
  chain: readonly string[] = [];
  /** Joined in a later epoch than the first and has not had its state yet: holds nothing. */
  waiting = false;
  /** The highest seq the tail is known to have applied. */
  acked = 0;
  /** Called whenever `acked` rises (the head answers its waiting clients). */
  onAcked: (acked: number) => void = () => {};
  private readonly wakeup = new Wakeup();
  private epochLinks = new AbortController();

  constructor(private readonly parts: ChainNodeParts) {}

  get nodeId(): string {
    return this.parts.nodeId;
  }

  get head(): string {
    return this.chain[0] ?? "";
  }

  get tail(): string {
    return this.chain.at(-1) ?? "";
  }

  configure(req: ConfigureRequest): ConfigureResponse {
    if (req.epoch <= this.epoch) return { epoch: this.epoch };
    const previous = this.epoch === 0 ? null : this.chain;
    // A node with nothing, configured after the first epoch, was restarted: it joins empty.
    if (previous === null && req.epoch > 1) this.waiting = true;
    this.epoch = req.epoch;
    this.chain = [...req.chain];
    // Calls of the old epoch are given up; the new epoch's links start over.
    this.epochLinks.abort();
    this.epochLinks = new AbortController();
    if (this.tail === this.nodeId) this.tailHolds();
    this.startLinks(previous);
    return { epoch: this.epoch };
  }

  /** Stops every link: the process is going away (a test's kill). */
  stop(): void {
    this.epochLinks.abort();
  }

  /** As head: holds and applies a new write; returns its seq. */
  write(update: Update): number {
    const seq = this.store.append(update);
    if (this.tail === this.nodeId) this.tailHolds();
    this.wakeup.notify();
    return seq;
  }

  forward(req: ForwardRequest): PeerResponse {
    if (req.epoch !== this.epoch) return this.answer("WRONG_EPOCH");
    if (this.waiting) return this.answer("GAP");
    const lastSeq = this.store.lastSeq;
    // Held already (a resend after a lost answer or a reconfiguration): never applied again.
    if (req.seq <= lastSeq) return this.answer("ACCEPTED");
    if (req.seq > lastSeq + 1) return this.answer("GAP");
    const { client_id, sequence, key, value } = req;
    this.write({ client_id, sequence, op: req.op === "PUT" ? "PUT" : "APPEND", key, value });
    return this.answer("ACCEPTED");
  }

  ack(req: AckRequest): PeerResponse {
    if (req.epoch !== this.epoch) return this.answer("WRONG_EPOCH");
    this.raiseAcked(req.seq);
    return this.answer("ACCEPTED");
  }

  transfer(req: TransferRequest): PeerResponse {
    if (req.epoch !== this.epoch) return this.answer("WRONG_EPOCH");
    // An older Transfer, delayed past a newer one and its Forwards, changes nothing.
    if (!this.waiting && req.last_seq <= this.store.lastSeq) return this.answer("ACCEPTED");
    this.store.replace(req);
    this.waiting = false;
    if (this.tail === this.nodeId) this.tailHolds();
    this.wakeup.notify();
    return this.answer("ACCEPTED");
  }

  private answer(status: PeerStatus): PeerResponse {
    return { status, epoch: this.epoch, last_seq: this.store.lastSeq };
  }

  /** As tail, everything this node holds is applied by the tail. */
  private tailHolds(): void {
    if (!this.waiting) this.raiseAcked(this.store.lastSeq);
  }

  private raiseAcked(seq: number): void {
    // An Ack never covers more than the sender holds, which this node holds too.
    const acked = Math.min(seq, this.store.lastSeq);
    if (acked <= this.acked) return;
    this.acked = acked;
    this.wakeup.notify();
    this.onAcked(acked);
  }

  private startLinks(previous: readonly string[] | null): void {
    const at = this.chain.indexOf(this.nodeId);
    if (at < 0) return; // never sent by the judge: a node left out gets no Configure
    const linkEnd = this.epochLinks.signal;
    const { peers } = this.parts;
    const { epoch, wakeup, store } = this;
    const successor = this.chain[at + 1];
    if (successor !== undefined) {
      const joined = previous !== null && !previous.includes(successor);
      const link = new SuccessorLink({
        store,
        peers,
        wakeup,
        epoch,
        successor,
        joined,
        acked: this.acked,
        linkEnd,
      });
      void link.run();
    }
    const predecessor = this.chain[at - 1];
    if (predecessor !== undefined) {
      // The tail tells what it applied (once it has its state); a middle passes `acked` on.
      const value = (): number =>
        this.tail !== this.nodeId ? this.acked : this.waiting ? 0 : this.store.lastSeq;
      void sendAcks({ peers, wakeup, epoch, predecessor, value, linkEnd });
    }
  }
}
