// The consensus core of one node: roles and terms, elections, the follower's side of
// AppendEntries, commit and apply. Every change of term or vote is on disk before any message
// that depends on it leaves, and appended entries are on disk before a follower acknowledges
// them. The leader's side lives in leader.ts, one Leader per term led.
import { decodeCommand, encodeCommand, encodeNoop, opKey, type ClientCommand } from "./commands.ts";
import {
  electionTimeoutMsMax,
  electionTimeoutMsMin,
  firstElectionMsNode0,
  voteDeadlineMs,
} from "./config.ts";
import { Leader } from "./leader.ts";
import type { Entry, LogFile } from "./log-file.ts";
import type { MetaFile } from "./meta-file.ts";
import type {
  AppendRequest,
  AppendResponse,
  PeerClient,
  VoteRequest,
  VoteResponse,
  WireEntry,
} from "./proto.ts";
import type { OpResult, StateMachine } from "./state-machine.ts";

export type Role = "follower" | "candidate" | "leader";

/** An applied entry: `result` is null for a no-op or an operation that was not applied. */
export interface Applied {
  index: number;
  term: number;
  result: OpResult | null;
}

export interface RaftNodeParts {
  nodeId: string;
  clusterSize: number;
  meta: MetaFile;
  log: LogFile;
  machine: StateMachine;
  peers: Map<string, PeerClient>;
}

export class RaftNode {
  role: Role = "follower";
  term: number;
  /** The leader of this term as far as this node knows, "" when none. */
  leaderId = "";
  private votedFor: string | null;
  private commitIndex = 0;
  private lastApplied = 0;
  private votes = new Set<string>();
  private leader: Leader | null = null;
  private electionTimer: NodeJS.Timeout | null = null;
  /** How many entries of the log hold each client operation. */
  private readonly opsInLog = new Map<string, number>();
  onApplied: (a: Applied) => void = () => {};
  onLeadershipLost: () => void = () => {};

  constructor(private readonly parts: RaftNodeParts) {
    const hard = parts.meta.load();
    this.term = hard.term;
    this.votedFor = hard.votedFor;
    for (let i = 1; i <= parts.log.lastIndex; i++) this.track([parts.log.entry(i)], 1);
  }

  start(): void {
    const fresh = this.term === 0 && this.parts.log.lastIndex === 0;
    const early = fresh && this.parts.nodeId === "node-0";
    this.resetElectionTimer(early ? firstElectionMsNode0 : undefined);
    this.say(`started with ${this.parts.log.lastIndex} log entries, voted for ${this.votedFor}`);
  }

  /** Whether some entry of this node's log holds the client's operation. */
  hasOp(clientId: string, sequence: number): boolean {
    return (this.opsInLog.get(opKey(clientId, sequence)) ?? 0) > 0;
  }

  /** Appends a client operation as leader; null when this node is not the leader. */
  propose(command: ClientCommand): { index: number; term: number } | null {
    if (this.role !== "leader" || !this.leader) return null;
    const index = this.appendLocal([{ term: this.term, command: encodeCommand(command) }]);
    this.leader.entriesAppended();
    return { index, term: this.term };
  }

  handleRequestVote(req: VoteRequest): VoteResponse {
    if (req.term > this.term) this.becomeFollower(req.term, "");
    const { log } = this.parts;
    const lastTerm = log.termAt(log.lastIndex);
    const upToDate =
      req.last_log_term > lastTerm ||
      (req.last_log_term === lastTerm && req.last_log_index >= log.lastIndex);
    const free = this.votedFor === null || this.votedFor === req.candidate_id;
    const grant = req.term === this.term && free && upToDate;
    if (grant) {
      this.votedFor = req.candidate_id;
      this.persist();
      this.resetElectionTimer();
    }
    return { term: this.term, vote_granted: grant };
  }

  handleAppendEntries(req: AppendRequest): AppendResponse {
    const reply = (success: boolean, conflictTerm = 0, conflictIndex = 0): AppendResponse => ({
      term: this.term,
      success,
      conflict_term: conflictTerm,
      conflict_index: conflictIndex,
    });
    if (req.term < this.term) return reply(false);
    if (req.term > this.term || this.role !== "follower" || this.leaderId !== req.leader_id) {
      this.becomeFollower(req.term, req.leader_id);
    }
    this.resetElectionTimer();
    const prev = req.prev_log_index;
    const conflict = this.logConflict(prev, req.prev_log_term);
    if (conflict) return reply(false, conflict.term, conflict.index);
    this.storeEntries(prev, req.entries);
    const lastNew = prev + req.entries.length;
    const commit = Math.min(req.leader_commit, lastNew);
    if (commit > this.commitIndex) this.commitTo(commit);
    return reply(true);
  }

  /** Why this log does not hold the leader's entry `prev`, or null when it does. */
  private logConflict(prev: number, prevTerm: number): { term: number; index: number } | null {
    const { log } = this.parts;
    if (prev > log.lastIndex) return { term: 0, index: log.lastIndex + 1 };
    const term = log.termAt(prev);
    if (term !== prevTerm) return { term, index: log.firstIndexOfTerm(term) };
    return null;
  }

  /**
   * Makes entries prev+1… match the leader's: entries already held are kept (a late or
   * repeated message must not cut off newer ones), the first conflicting one and everything
   * after it are replaced. Durable before returning.
   */
  private storeEntries(prev: number, entries: WireEntry[]): void {
    const { log } = this.parts;
    let k = 0;
    while (k < entries.length && prev + 1 + k <= log.lastIndex) {
      if (log.termAt(prev + 1 + k) !== entries[k]?.term) break;
      k++;
    }
    if (k < entries.length) {
      if (prev + 1 + k <= log.lastIndex) this.track(log.truncateFrom(prev + 1 + k), -1);
      this.appendLocal(entries.slice(k).map((e) => ({ term: e.term, command: e.command })));
    }
    // Also when nothing was new: entries this node appended as leader may not be on disk yet.
    log.sync();
  }

  private appendLocal(entries: Entry[]): number {
    this.track(entries, 1);
    return this.parts.log.append(entries);
  }

  private track(entries: Entry[], delta: 1 | -1): void {
    for (const e of entries) {
      const c = decodeCommand(e.command);
      if (!c) continue;
      const key = opKey(c.clientId, c.sequence);
      const count = (this.opsInLog.get(key) ?? 0) + delta;
      if (count > 0) this.opsInLog.set(key, count);
      else this.opsInLog.delete(key);
    }
  }

  private commitTo(index: number): void {
    this.commitIndex = index;
    while (this.lastApplied < this.commitIndex) {
      const index = ++this.lastApplied;
      const entry = this.parts.log.entry(index);
      const command = decodeCommand(entry.command);
      const result = command ? this.parts.machine.apply(command) : null;
      this.onApplied({ index, term: entry.term, result });
    }
  }

  private campaign(): void {
    const { log, nodeId, peers } = this.parts;
    this.term++;
    this.role = "candidate";
    this.leaderId = "";
    this.votedFor = nodeId;
    this.persist();
    this.votes = new Set([nodeId]);
    this.resetElectionTimer();
    this.say("campaigning");
    if (this.hasMajority(this.votes.size)) return this.becomeLeader();
    const req: VoteRequest = {
      term: this.term,
      candidate_id: nodeId,
      last_log_index: log.lastIndex,
      last_log_term: log.termAt(log.lastIndex),
    };
    for (const [peerId, client] of peers) {
      client.RequestVote(req, { deadline: Date.now() + voteDeadlineMs }, (err, res) => {
        if (err || !res) return;
        if (res.term > this.term) return this.becomeFollower(res.term, "");
        if (this.role !== "candidate" || this.term !== req.term || !res.vote_granted) return;
        this.votes.add(peerId);
        if (this.hasMajority(this.votes.size)) this.becomeLeader();
      });
    }
  }

  private becomeLeader(): void {
    const { nodeId, clusterSize, log, peers } = this.parts;
    this.role = "leader";
    this.leaderId = nodeId;
    this.clearElectionTimer();
    this.say(`leader with votes from ${[...this.votes].sort().join(",")}`);
    const term = this.term;
    this.leader = new Leader(
      {
        nodeId,
        term,
        clusterSize,
        log,
        commitIndex: () => this.commitIndex,
        commit: (index) => this.commitTo(index),
        sawHigherTerm: (t) => this.becomeFollower(t, ""),
        lostQuorum: () => {
          this.say(`no majority answered for a while: stepping down`);
          this.becomeFollower(term, "");
        },
      },
      peers,
    );
    // The no-op lets this term commit, and with it every entry of earlier terms.
    this.appendLocal([{ term, command: encodeNoop() }]);
    this.leader.entriesAppended();
  }

  private becomeFollower(term: number, leaderId: string): void {
    const before = `${this.role}/${this.leaderId}`;
    const wasLeader = this.role === "leader";
    if (term > this.term) {
      this.term = term;
      this.votedFor = null;
      this.persist();
    }
    if (this.role !== "follower") this.resetElectionTimer();
    this.role = "follower";
    this.leaderId = leaderId;
    if (wasLeader) {
      this.leader?.stop();
      this.leader = null;
      this.onLeadershipLost();
    }
    if (before !== `follower/${leaderId}`) this.say(`follower of ${leaderId || "nobody yet"}`);
  }

  private hasMajority(count: number): boolean {
    return count > this.parts.clusterSize / 2;
  }

  private persist(): void {
    this.parts.meta.save({ term: this.term, votedFor: this.votedFor });
  }

  private resetElectionTimer(timeoutMs?: number): void {
    this.clearElectionTimer();
    const spread = electionTimeoutMsMax - electionTimeoutMsMin;
    const ms = timeoutMs ?? electionTimeoutMsMin + Math.random() * spread;
    this.electionTimer = setTimeout(() => this.campaign(), ms);
  }

  private clearElectionTimer(): void {
    if (this.electionTimer) clearTimeout(this.electionTimer);
    this.electionTimer = null;
  }

  private say(message: string): void {
    console.log(`${this.parts.nodeId} term ${this.term}: ${message}`);
  }
}
