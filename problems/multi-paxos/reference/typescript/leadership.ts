// One ballot of leadership, after phase 1 won: phase 2 per slot (the leader's own acceptance
// durable before any Accept leaves; Accepts sent again while unanswered; a slot chosen once a
// majority, the leader included, accepted it at this ballot), a Heartbeat to each other node
// every heartbeatIntervalMs, Learns to catch up a node whose heartbeat answer shows it behind,
// and stepping down when no majority answered for stepDownAfterMs.
import {
  acceptDeadlineMs,
  acceptResendMs,
  catchUpLearnsMax,
  heartbeatDeadlineMs,
  heartbeatIntervalMs,
  heartbeatsInflightMax,
  learnDeadlineMs,
  stepDownAfterMs,
} from "./config.ts";
import { compareBallots, type Ballot } from "./ballot.ts";
import { opKey, toWire, type Command } from "./commands.ts";
import type { Peer } from "./peers.ts";
import type { AcceptResponse, HeartbeatResponse } from "./proto.ts";

export interface LeadershipContext {
  ballot: Ballot;
  clusterSize: number;
  peers: Map<string, Peer>;
  /** The leader's own acceptor takes the proposal (written, not yet durable); false if it refused. */
  acceptOwn(slot: number, command: Command): boolean;
  /** Resolves once every promise and acceptance written so far is on disk. */
  durable(): Promise<void>;
  learnedThrough(): number;
  learnt(slot: number): Command | undefined;
  /** A majority accepted `command` at `slot` at this ballot. */
  chosen(slot: number, command: Command): void;
  /** An answer reported this promise; above our ballot it ends this leadership. */
  sawPromise(ballot: Ballot): void;
  /** No majority answered for stepDownAfterMs. */
  lostQuorum(): void;
}

interface Proposal {
  slot: number;
  command: Command;
  /** Other acceptors that answered accepted = true at this ballot. */
  acceptedBy: Set<string>;
  /** When its Accepts last left; null until the leader's own acceptance is durable. */
  sentMs: number | null;
}

interface Follower {
  id: string;
  peer: Peer;
  lastHeartbeatMs: number;
  heartbeatsInflight: number;
  lastContactMs: number;
  learnsInflight: number;
}

export class Leadership {
  private readonly open = new Map<number, Proposal>();
  /** The open slot of each client operation proposed at this ballot. */
  private readonly openOps = new Map<string, number>();
  private readonly followers: Follower[];
  private readonly ticker: NodeJS.Timeout;
  private readonly sinceMs = Date.now();
  private stopped = false;

  constructor(
    private readonly ctx: LeadershipContext,
    private nextSlot: number,
  ) {
    this.followers = [...ctx.peers].map(([id, peer]) => ({
      id,
      peer,
      lastHeartbeatMs: -Infinity,
      heartbeatsInflight: 0,
      lastContactMs: this.sinceMs,
      learnsInflight: 0,
    }));
    // Ticking at half the interval keeps every gap between heartbeats within 1 to 1.5 intervals.
    this.ticker = setInterval(() => this.tick(), heartbeatIntervalMs / 2);
    this.tick();
  }

  /** Proposes a new client command in the next free slot; null if its own acceptor refused. */
  propose(command: Command): number | null {
    const slot = this.nextSlot;
    if (!this.proposeAt(slot, command)) return null;
    this.nextSlot = slot + 1;
    return slot;
  }

  /** Runs phase 2 for `slot`; false if its own acceptor refused (a higher promise). */
  proposeAt(slot: number, command: Command): boolean {
    if (this.stopped || !this.ctx.acceptOwn(slot, command)) return false;
    const proposal: Proposal = { slot, command, acceptedBy: new Set(), sentMs: null };
    this.open.set(slot, proposal);
    if (command.op !== "NOOP") this.openOps.set(opKey(command.clientId, command.sequence), slot);
    // Its own acceptance must be on disk before any Accept leaves (one fsync for the batch).
    void this.ctx.durable().then(() => {
      if (this.stopped || !this.open.has(slot)) return;
      if (this.majority(proposal)) this.choose(proposal);
      else this.sendAccepts(proposal);
    });
    return true;
  }

  /** The open slot holding this client operation at this ballot, if any. */
  openSlotOf(clientId: string, sequence: number): number | undefined {
    return this.openOps.get(opKey(clientId, sequence));
  }

  /** The slot was learnt chosen another way (a Learn): nothing more to do for it. */
  settled(slot: number): void {
    const proposal = this.open.get(slot);
    if (proposal) this.close(proposal);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.ticker);
  }

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    const heard = this.followers.filter((f) => now - f.lastContactMs <= stepDownAfterMs).length;
    if (now - this.sinceMs >= stepDownAfterMs && heard + 1 < this.quorum()) {
      this.ctx.lostQuorum();
      return;
    }
    for (const f of this.followers) {
      if (
        now - f.lastHeartbeatMs >= heartbeatIntervalMs &&
        f.heartbeatsInflight < heartbeatsInflightMax
      )
        this.heartbeat(f);
    }
    for (const proposal of this.open.values()) {
      if (proposal.sentMs !== null && now - proposal.sentMs >= acceptResendMs)
        this.sendAccepts(proposal);
    }
  }

  private heartbeat(f: Follower): void {
    const { ballot } = this.ctx;
    const req = {
      ballot_round: ballot.round,
      ballot_node: ballot.node,
      chosen_through: this.ctx.learnedThrough(),
    };
    f.lastHeartbeatMs = Date.now();
    f.heartbeatsInflight++;
    f.peer.heartbeat(req, heartbeatDeadlineMs).then(
      (res) => {
        f.heartbeatsInflight--;
        this.heartbeatAnswered(f, res);
      },
      () => f.heartbeatsInflight--,
    );
  }

  private heartbeatAnswered(f: Follower, res: HeartbeatResponse): void {
    if (this.stopped || this.higherPromise(res)) return;
    f.lastContactMs = Date.now();
    if (res.learned_through < this.ctx.learnedThrough() && f.learnsInflight === 0)
      this.catchUp(f, res.learned_through);
  }

  /** Sends the slots after `learnedThrough` that this node knows chosen, a batch at a time. */
  private catchUp(f: Follower, learnedThrough: number): void {
    const last = Math.min(this.ctx.learnedThrough(), learnedThrough + catchUpLearnsMax);
    for (let slot = learnedThrough + 1; slot <= last; slot++) {
      const command = this.ctx.learnt(slot);
      if (!command) continue;
      f.learnsInflight++;
      const done = () => f.learnsInflight--;
      f.peer.learn({ slot, ...toWire(command) }, learnDeadlineMs).then(done, done);
    }
  }

  private sendAccepts(proposal: Proposal): void {
    if (this.stopped || !this.open.has(proposal.slot)) return;
    const { ballot } = this.ctx;
    const req = {
      ballot_round: ballot.round,
      ballot_node: ballot.node,
      slot: proposal.slot,
      ...toWire(proposal.command),
    };
    proposal.sentMs = Date.now();
    for (const f of this.followers) {
      if (proposal.acceptedBy.has(f.id)) continue;
      f.peer.accept(req, acceptDeadlineMs).then(
        (res) => this.acceptAnswered(f, proposal, res),
        () => {},
      );
    }
  }

  private acceptAnswered(f: Follower, proposal: Proposal, res: AcceptResponse): void {
    if (this.stopped || this.higherPromise(res)) return;
    f.lastContactMs = Date.now();
    if (!res.accepted || !this.open.has(proposal.slot)) return;
    proposal.acceptedBy.add(f.id);
    if (this.majority(proposal)) this.choose(proposal);
  }

  /** Whether the answer shows a promise above this ballot (and so ends this leadership). */
  private higherPromise(res: { promised_round: number; promised_node: number }): boolean {
    const promised = { round: res.promised_round, node: res.promised_node };
    if (compareBallots(promised, this.ctx.ballot) <= 0) return false;
    this.ctx.sawPromise(promised);
    return true;
  }

  /** Its own acceptance and those of the others make a majority. */
  private majority(proposal: Proposal): boolean {
    return proposal.acceptedBy.size + 1 >= this.quorum();
  }

  private quorum(): number {
    return Math.floor(this.ctx.clusterSize / 2) + 1;
  }

  private choose(proposal: Proposal): void {
    this.close(proposal);
    this.ctx.chosen(proposal.slot, proposal.command);
  }

  private close(proposal: Proposal): void {
    this.open.delete(proposal.slot);
    const { command } = proposal;
    const key = opKey(command.clientId, command.sequence);
    if (this.openOps.get(key) === proposal.slot) this.openOps.delete(key);
  }
}
