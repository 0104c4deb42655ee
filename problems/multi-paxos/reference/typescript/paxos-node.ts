// The consensus core of one node: its acceptor, its learner (chosen slots applied in order)
// and its proposer's phase 1 (run once per ballot for every slot from the first one it does
// not know chosen), handing over to a Leadership for phase 2. Every promise and acceptance is
// on disk before an answer or a message that depends on it leaves.
import { Acceptor } from "./acceptor.ts";
import { NO_BALLOT, compareBallots, maxBallot, showBallot, type Ballot } from "./ballot.ts";
import { NOOP, fromWire, opKey, toWire, type Accepted, type Command } from "./commands.ts";
import {
  electionTimeoutMsMax,
  electionTimeoutMsMin,
  firstElectionMsNode0,
  learnDeadlineMs,
  nodeNumber,
  prepareDeadlineMs,
  refusalBackoffMax,
} from "./config.ts";
import { Leadership } from "./leadership.ts";
import type { PaxosFile, Recovered } from "./paxos-file.ts";
import type { Peer } from "./peers.ts";
import type {
  AcceptRequest,
  AcceptResponse,
  AcceptedSlot,
  HeartbeatRequest,
  HeartbeatResponse,
  LearnRequest,
  PrepareRequest,
  PrepareResponse,
} from "./proto.ts";
import { StateMachine } from "./state-machine.ts";

export type Role = "follower" | "candidate" | "leader";

export interface PaxosNodeParts {
  nodeId: string;
  clusterSize: number;
  file: PaxosFile;
  recovered: Recovered;
  peers: Map<string, Peer>;
  /** Draws election waits; a seeded one makes a simulated run repeatable. */
  random?: () => number;
  log?: (line: string) => void;
}

/** Phase 1 in progress: the ballot, and what the promises so far reported, per slot. */
interface Candidacy {
  ballot: Ballot;
  fromSlot: number;
  reports: Map<number, Accepted>;
  promisers: Set<string>;
}

export class PaxosNode {
  role: Role = "follower";
  readonly machine = new StateMachine();
  private readonly number: number;
  private readonly acceptor: Acceptor;
  private readonly learnt = new Map<number, Command>();
  private learnedThrough = 0;
  private highestLearnt = 0;
  /** Client operations in some slot this node accepted or learnt. */
  private readonly opsHere = new Set<string>();
  /** The highest ballot seen anywhere: a new one starts above it. */
  private highestSeen: Ballot;
  /** The ballot of the highest-ballot Heartbeat or Accept received: its sender is the hint. */
  private heard: Ballot | null = null;
  private candidacy: Candidacy | null = null;
  private leadership: Leadership | null = null;
  private ballot: Ballot = NO_BALLOT;
  private refusals = 0;
  private electionTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  onApplied: (slot: number) => void = () => {};
  onLeadershipLost: () => void = () => {};

  constructor(private readonly parts: PaxosNodeParts) {
    this.number = nodeNumber(parts.nodeId);
    this.acceptor = new Acceptor(parts.file, parts.recovered);
    this.highestSeen = this.acceptor.promised;
    for (const a of this.acceptor.commands()) this.noteOp(a.command);
    const learnt = [...parts.recovered.learnt].sort((a, b) => a[0] - b[0]);
    for (const [slot, command] of learnt) this.learn(slot, command, false);
  }

  start(): void {
    const fresh = compareBallots(this.acceptor.promised, NO_BALLOT) === 0;
    const early = fresh && this.number === 0;
    this.resetElectionTimer(early ? firstElectionMsNode0 : undefined);
    this.say(`started with slots 1..${this.learnedThrough} learnt`);
  }

  stop(): void {
    this.stopped = true;
    this.candidacy = null;
    this.leadership?.stop();
    this.clearElectionTimer();
  }

  get leaderHint(): string {
    if (!this.heard || this.heard.node === this.number) return "";
    return `node-${this.heard.node}`;
  }

  /** Whether some slot this node accepted or learnt holds the client's operation. */
  hasOp(clientId: string, sequence: number): boolean {
    return this.opsHere.has(opKey(clientId, sequence));
  }

  /** As leader: the slot where this operation is already being proposed at this ballot. */
  openSlotOf(clientId: string, sequence: number): number | undefined {
    return this.leadership?.openSlotOf(clientId, sequence);
  }

  /** Proposes a client command as leader: its slot, or null when not leading. */
  propose(command: Command): number | null {
    if (this.role !== "leader" || !this.leadership) return null;
    const slot = this.leadership.propose(command);
    if (slot === null) this.stepDown("its own acceptor refused its ballot");
    return slot;
  }

  async handlePrepare(req: PrepareRequest): Promise<PrepareResponse> {
    const ballot = { round: req.ballot_round, node: req.ballot_node };
    this.see(ballot);
    const report = this.acceptor.prepare(ballot, req.from_slot);
    if (report) {
      // Our own acceptor would now refuse our own ballot.
      if (this.role !== "follower" && compareBallots(ballot, this.ballot) > 0)
        this.stepDown(`promised ${showBallot(ballot)}`);
      // Give the proposer time to finish phase 1 before running our own.
      if (this.role === "follower") this.resetElectionTimer();
    }
    const promised = this.acceptor.promised;
    await this.parts.file.durable();
    return {
      promised: report !== null,
      promised_round: promised.round,
      promised_node: promised.node,
      accepted: report ? [...report].map(([slot, a]) => acceptedSlot(slot, a)) : [],
    };
  }

  async handleAccept(req: AcceptRequest): Promise<AcceptResponse> {
    const ballot = { round: req.ballot_round, node: req.ballot_node };
    this.see(ballot);
    const command = fromWire(req);
    const accepted = this.acceptor.accept(ballot, req.slot, command);
    this.noteSender(ballot);
    if (accepted) {
      this.noteOp(command);
      this.heardFromLeader(ballot);
    }
    const promised = this.acceptor.promised;
    await this.parts.file.durable();
    return { accepted, promised_round: promised.round, promised_node: promised.node };
  }

  handleLearn(req: LearnRequest): void {
    this.learn(req.slot, fromWire(req), true);
  }

  async handleHeartbeat(req: HeartbeatRequest): Promise<HeartbeatResponse> {
    const ballot = { round: req.ballot_round, node: req.ballot_node };
    this.see(ballot);
    this.noteSender(ballot);
    // A heartbeat changes no promise; one below it comes from a leader already superseded.
    if (compareBallots(ballot, this.acceptor.promised) >= 0) this.heardFromLeader(ballot);
    const promised = this.acceptor.promised;
    // The promise reported may have been made a moment ago: durable before it is shown.
    await this.parts.file.durable();
    return {
      promised_round: promised.round,
      promised_node: promised.node,
      learned_through: this.learnedThrough,
    };
  }

  /** A Heartbeat or Accept came: its sender had led at that ballot, so it may be the hint. */
  private noteSender(ballot: Ballot): void {
    if (!this.heard || compareBallots(ballot, this.heard) > 0) this.heard = ballot;
  }

  /** A leader at `ballot` (at least our promise) spoke: follow it and wait for it. */
  private heardFromLeader(ballot: Ballot): void {
    if (this.role !== "follower" && compareBallots(ballot, this.ballot) > 0)
      this.stepDown(`${showBallot(ballot)} leads`);
    if (this.role === "follower") {
      this.refusals = 0;
      this.resetElectionTimer();
    }
  }

  /** Slot `slot` is chosen with `command`: remember it and apply what is now in order. */
  private learn(slot: number, command: Command, write: boolean): void {
    if (this.learnt.has(slot)) return;
    this.learnt.set(slot, command);
    if (write) this.parts.file.writeLearnt(slot, command);
    this.noteOp(command);
    this.highestLearnt = Math.max(this.highestLearnt, slot);
    this.leadership?.settled(slot);
    for (;;) {
      const next = this.learnt.get(this.learnedThrough + 1);
      if (!next) break;
      this.learnedThrough++;
      this.machine.apply(this.learnedThrough, next);
      this.onApplied(this.learnedThrough);
    }
  }

  private noteOp(command: Command): void {
    if (command.op !== "NOOP") this.opsHere.add(opKey(command.clientId, command.sequence));
  }

  private see(ballot: Ballot): void {
    this.highestSeen = maxBallot(this.highestSeen, ballot);
  }

  /** Phase 1 at a ballot above every one seen, for every slot not known chosen. */
  private async campaign(): Promise<void> {
    this.stopLeading();
    const round = Math.max(this.highestSeen.round, this.acceptor.promised.round) + 1;
    const ballot = { round, node: this.number };
    const fromSlot = this.learnedThrough + 1;
    // Our own promise first: it makes the ballot fresh even across a restart.
    const reports = this.acceptor.prepare(ballot, fromSlot) ?? new Map<number, Accepted>();
    this.see(ballot);
    const candidacy: Candidacy = { ballot, fromSlot, reports, promisers: new Set() };
    this.candidacy = candidacy;
    this.role = "candidate";
    this.ballot = ballot;
    // Should this phase 1 stall, the next one runs after a fresh wait.
    this.resetElectionTimer();
    this.say(`running phase 1 from slot ${fromSlot}`);
    await this.parts.file.durable();
    if (this.candidacy !== candidacy) return;
    if (this.isMajority(1)) return this.lead(candidacy);
    const req = { ballot_round: ballot.round, ballot_node: ballot.node, from_slot: fromSlot };
    for (const [id, peer] of this.parts.peers) {
      peer.prepare(req, prepareDeadlineMs).then(
        (res) => this.promiseAnswered(candidacy, id, res),
        () => {},
      );
    }
  }

  private promiseAnswered(c: Candidacy, from: string, res: PrepareResponse): void {
    const promised = { round: res.promised_round, node: res.promised_node };
    this.see(promised);
    if (this.candidacy !== c) return;
    if (!res.promised || compareBallots(promised, c.ballot) > 0) {
      this.refusals++;
      this.say(`${from} refused, promised ${showBallot(promised)}`);
      this.stepDown("phase 1 refused");
      return;
    }
    for (const a of res.accepted) {
      const ballot = { round: a.ballot_round, node: a.ballot_node };
      const best = c.reports.get(a.slot);
      if (a.slot >= c.fromSlot && (!best || compareBallots(ballot, best.ballot) > 0))
        c.reports.set(a.slot, { ballot, command: fromWire(a) });
    }
    c.promisers.add(from);
    if (this.isMajority(c.promisers.size + 1)) this.lead(c);
  }

  /**
   * Phase 1 won: propose, in every slot from fromSlot to the highest one reported, the
   * highest-ballot proposal reported there (NOOP if none), except slots already learnt; new
   * client commands go after those.
   */
  private lead(c: Candidacy): void {
    this.candidacy = null;
    this.role = "leader";
    this.refusals = 0;
    this.clearElectionTimer();
    let top = 0;
    for (const slot of c.reports.keys()) top = Math.max(top, slot);
    this.say(`leading; promises from ${[...c.promisers].sort().join(",")}, slots to ${top} open`);
    this.leadership = new Leadership(
      {
        ballot: c.ballot,
        clusterSize: this.parts.clusterSize,
        peers: this.parts.peers,
        acceptOwn: (slot, command) => {
          const ok = this.acceptor.accept(c.ballot, slot, command);
          if (ok) this.noteOp(command);
          return ok;
        },
        durable: () => this.parts.file.durable(),
        learnedThrough: () => this.learnedThrough,
        learnt: (slot) => this.learnt.get(slot),
        chosen: (slot, command) => this.chosen(slot, command),
        sawPromise: (ballot) => {
          this.see(ballot);
          this.stepDown(`an answer showed ${showBallot(ballot)} promised`);
        },
        lostQuorum: () => this.stepDown("no majority answered for a while"),
      },
      Math.max(top, this.highestLearnt, c.fromSlot - 1) + 1,
    );
    for (let slot = c.fromSlot; slot <= top; slot++) {
      if (this.learnt.has(slot)) continue;
      const proposed = this.leadership.proposeAt(slot, c.reports.get(slot)?.command ?? NOOP);
      if (!proposed) return this.stepDown("its own acceptor refused its ballot");
    }
  }

  /** Our own proposal was accepted by a majority: learn it and tell every other node. */
  private chosen(slot: number, command: Command): void {
    this.learn(slot, command, true);
    const req = { slot, ...toWire(command) };
    for (const peer of this.parts.peers.values())
      peer.learn(req, learnDeadlineMs).then(
        () => {},
        () => {},
      );
  }

  private stepDown(why: string): void {
    const wasLeading = this.role !== "follower";
    this.stopLeading();
    this.role = "follower";
    this.candidacy = null;
    this.resetElectionTimer();
    if (wasLeading) this.say(`stopped leading: ${why}`);
  }

  private stopLeading(): void {
    if (!this.leadership) return;
    this.leadership.stop();
    this.leadership = null;
    this.onLeadershipLost();
  }

  private isMajority(count: number): boolean {
    return count > this.parts.clusterSize / 2;
  }

  /** A random wait, longer after each refused phase 1 so two proposers stop duelling. */
  private resetElectionTimer(timeoutMs?: number): void {
    this.clearElectionTimer();
    if (this.stopped) return;
    const random = this.parts.random ?? Math.random;
    const spread = electionTimeoutMsMax - electionTimeoutMsMin;
    const backoff = Math.min(this.refusals, refusalBackoffMax) * electionTimeoutMsMax * random();
    const ms = timeoutMs ?? electionTimeoutMsMin + random() * spread + backoff;
    this.electionTimer = setTimeout(() => void this.campaign(), ms);
  }

  private clearElectionTimer(): void {
    if (this.electionTimer) clearTimeout(this.electionTimer);
    this.electionTimer = null;
  }

  private say(message: string): void {
    const line = `${this.parts.nodeId} ${this.role} ${showBallot(this.ballot)}: ${message}`;
    (this.parts.log ?? console.log)(line);
  }
}

function acceptedSlot(slot: number, a: Accepted): AcceptedSlot {
  return {
    slot,
    ballot_round: a.ballot.round,
    ballot_node: a.ballot.node,
    ...toWire(a.command),
  };
}
