// A small in-process Multi-Paxos cluster for the checks' tests: nodes, a proposer that runs
// phase 1 once and phase 2 per slot, Learns, client answers, kills and link faults, with
// every call recorded as the chaos agents would record it. Each mutant flag is one of the
// realistic bugs the checks must catch; without flags the cluster is correct.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  ACCEPT,
  CLIENT_REQUEST,
  HEARTBEAT,
  LEARN,
  NO_BALLOT,
  PREPARE,
  compareBallots,
  majority,
  type Ballot,
  type PaxosTraffic,
} from "../checks/traffic.ts";

export interface Mutants {
  /** The promise lives in memory only: a restart forgets it. */
  forgetPromise?: boolean;
  /** Acceptors accept any ballot, even below their promise. */
  acceptLower?: boolean;
  /** A new leader proposes its own commands at open slots, ignoring what promises report. */
  ignoreAccepted?: boolean;
  /** Every node uses node number 0 in its ballots. */
  sharedBallots?: boolean;
  /** The leader applies, answers and sends Learns once it accepted its own proposal. */
  applyEarly?: boolean;
  /** GETs are answered from the leader's local state, without the log. */
  localReads?: boolean;
}

export interface Command {
  client_id: string;
  sequence: number;
  op: "GET" | "PUT" | "APPEND" | "NOOP";
  key: string;
  value: string;
}

export const NOOP: Command = { client_id: "", sequence: 0, op: "NOOP", key: "", value: "" };

export const put = (client: string, sequence: number, key: string, value: string): Command => ({
  client_id: client,
  sequence,
  op: "PUT",
  key,
  value,
});

export const get = (client: string, sequence: number, key: string): Command => ({
  client_id: client,
  sequence,
  op: "GET",
  key,
  value: "",
});

type Fault = "blackhole" | "lose-answer";

interface Accepted {
  ballot: Ballot;
  command: Command;
}

interface Node {
  id: string;
  number: number;
  up: boolean;
  promised: Ballot;
  accepted: Map<number, Accepted>;
  learned: Map<number, Command>;
  /** As proposer: the ballot it leads with, its first open slot, what promises reported. */
  leading: Ballot | null;
  nextSlot: number;
  reports: Map<number, Accepted>;
  /** The sender of the highest-ballot Heartbeat or Accept it received: its leader_hint. */
  heardFrom: { ballot: Ballot; id: string } | null;
}

const DEADLINE_MS = 500;
const STATUS_OK = 0;
const STATUS_DEADLINE_EXCEEDED = 4;
const STATUS_UNAVAILABLE = 14;

export class PaxosSim {
  readonly messages: MessageRecord[] = [];
  readonly nodes: Node[];
  private nowMs = 0;
  private seq = 0;
  private readonly faults = new Map<string, Fault>();

  constructor(
    nodeCount = 5,
    private readonly mutants: Mutants = {},
  ) {
    this.nodes = Array.from({ length: nodeCount }, (_, i) => ({
      id: `node-${i}`,
      number: i,
      up: true,
      promised: NO_BALLOT,
      accepted: new Map(),
      learned: new Map(),
      leading: null,
      nextSlot: 1,
      reports: new Map(),
      heardFrom: null,
    }));
  }

  traffic(): PaxosTraffic {
    return {
      messages: this.messages,
      nodes: this.nodes.map((n) => n.id),
      originMs: 0,
      messagesDropped: 0,
    };
  }

  /** Faults calls from `from` to each of `to` until healed. */
  cut(from: string, to: string[], fault: Fault = "blackhole"): void {
    for (const t of to) this.faults.set(`${from}>${t}`, fault);
  }

  heal(): void {
    this.faults.clear();
  }

  /** The up nodes that believe they lead, highest ballot first. */
  leaders(): string[] {
    return this.nodes
      .filter((n) => n.up && n.leading)
      .sort((a, b) => compareBallots(b.leading as Ballot, a.leading as Ballot))
      .map((n) => n.id);
  }

  isUp(id: string): boolean {
    return this.node(id).up;
  }

  kill(id: string): void {
    this.node(id).up = false;
  }

  restart(id: string): void {
    const n = this.node(id);
    n.up = true;
    n.leading = null;
    if (this.mutants.forgetPromise) n.promised = NO_BALLOT;
  }

  /**
   * Phase 1 for every slot from the proposer's first unlearned one, by default at a round
   * above its durable promise; true with a majority.
   */
  elect(id: string, round?: number): boolean {
    const p = this.node(id);
    round ??= p.promised.round + 1;
    const ballot = { round, node: this.mutants.sharedBallots ? 0 : p.number };
    let fromSlot = 1;
    while (p.learned.has(fromSlot)) fromSlot++;
    p.leading = null;
    p.reports = new Map();
    let promises = 0;
    const take = (accepted: Map<number, Accepted>): void => {
      for (const [slot, a] of accepted) {
        const best = p.reports.get(slot);
        if (slot >= fromSlot && (!best || compareBallots(a.ballot, best.ballot) > 0))
          p.reports.set(slot, a);
      }
    };
    if (compareBallots(ballot, p.promised) >= 0) {
      p.promised = ballot;
      take(p.accepted);
      promises++;
    }
    for (const a of this.others(p)) {
      const request = { ballot_round: ballot.round, ballot_node: ballot.node, from_slot: fromSlot };
      const answer = this.call(p, a, PREPARE, request, () => {
        const yes = compareBallots(ballot, a.promised) >= 0;
        if (yes) a.promised = ballot;
        return {
          promised: yes,
          promised_round: a.promised.round,
          promised_node: a.promised.node,
          accepted_count: [...a.accepted.keys()].filter((s) => s >= fromSlot).length,
        };
      });
      if (answer?.["promised"] === true) {
        promises++;
        take(new Map([...a.accepted].filter(([s]) => s >= fromSlot)));
      }
    }
    if (promises < majority(this.nodes.length)) return false;
    p.leading = ballot;
    p.nextSlot = fromSlot;
    if (!this.mutants.ignoreAccepted) {
      const open = [...p.reports.keys()].sort((a, b) => a - b);
      for (let slot = fromSlot; slot <= (open.at(-1) ?? 0); slot++)
        this.phase2(p, slot, p.reports.get(slot)?.command ?? NOOP);
      p.nextSlot = Math.max(fromSlot, (open.at(-1) ?? 0) + 1);
    }
    return true;
  }

  /** A client's request to node `id`: its answer, recorded as the node's agent sees it. */
  request(id: string, command: Command): { status: string; slot: number } {
    const n = this.node(id);
    const startMs = this.tick();
    let answer: { status: string; slot: number; leader_hint?: string };
    if (!n.leading) answer = { status: "NOT_LEADER", slot: 0, leader_hint: n.heardFrom?.id ?? "" };
    else if (command.op === "GET" && this.mutants.localReads) answer = { status: "OK", slot: 0 };
    else {
      const slot = n.nextSlot++;
      answer = this.phase2(n, slot, command)
        ? { status: "OK", slot }
        : { status: "UNAVAILABLE", slot: 0 };
    }
    this.messages.push({
      seq: this.seq++,
      from: "client",
      to: id,
      method: CLIENT_REQUEST,
      startMs,
      endMs: this.tick(),
      requestBytes: 20,
      responseBytes: 8,
      status: STATUS_OK,
      request: { ...command },
      response: { value: "", found: false, leader_hint: "", ...answer },
    });
    return answer;
  }

  /** Sends Learn of a slot the node knows chosen to `to`. */
  learn(id: string, to: string, slot: number): void {
    const n = this.node(id);
    const command = n.learned.get(slot);
    if (command) this.sendLearn(n, this.node(to), slot, command);
  }

  /** A heartbeat from the leader to every other node; nothing from a node not leading. */
  heartbeat(id: string): void {
    const p = this.node(id);
    const ballot = p.leading;
    if (!ballot) return;
    let chosenThrough = 0;
    while (p.learned.has(chosenThrough + 1)) chosenThrough++;
    for (const a of this.others(p)) {
      const request = {
        ballot_round: ballot.round,
        ballot_node: ballot.node,
        chosen_through: chosenThrough,
      };
      this.call(p, a, HEARTBEAT, request, () => {
        this.hear(a, p, ballot);
        let learnedThrough = 0;
        while (a.learned.has(learnedThrough + 1)) learnedThrough++;
        return {
          promised_round: a.promised.round,
          promised_node: a.promised.node,
          learned_through: learnedThrough,
        };
      });
    }
  }

  /** Phase 2 for one slot at the leader's ballot; Learns to all once chosen. */
  private phase2(p: Node, slot: number, command: Command): boolean {
    const ballot = p.leading as Ballot;
    let accepted = 0;
    if (this.mutants.acceptLower || compareBallots(ballot, p.promised) >= 0) {
      p.promised = ballot;
      p.accepted.set(slot, { ballot, command });
      accepted++;
    }
    if (this.mutants.applyEarly && accepted > 0) this.choose(p, slot, command);
    for (const a of this.others(p)) {
      const request = { ballot_round: ballot.round, ballot_node: ballot.node, slot, ...command };
      const answer = this.call(p, a, ACCEPT, request, () => {
        this.hear(a, p, ballot);
        const yes = this.mutants.acceptLower || compareBallots(ballot, a.promised) >= 0;
        if (yes) {
          a.promised = ballot;
          a.accepted.set(slot, { ballot, command });
        }
        return { accepted: yes, promised_round: a.promised.round, promised_node: a.promised.node };
      });
      if (answer?.["accepted"] === true) accepted++;
    }
    if (accepted < majority(this.nodes.length)) return false;
    if (!this.mutants.applyEarly) this.choose(p, slot, command);
    return true;
  }

  private hear(a: Node, from: Node, ballot: Ballot): void {
    if (!a.heardFrom || compareBallots(ballot, a.heardFrom.ballot) > 0)
      a.heardFrom = { ballot, id: from.id };
  }

  private choose(p: Node, slot: number, command: Command): void {
    p.learned.set(slot, command);
    for (const a of this.others(p)) this.sendLearn(p, a, slot, command);
  }

  private sendLearn(p: Node, a: Node, slot: number, command: Command): void {
    const request = { slot, ...command };
    this.call(p, a, LEARN, request, () => {
      a.learned.set(slot, command);
      return {};
    });
  }

  /**
   * One peer call as the caller's agent records it: a black hole never reaches the callee;
   * a lost answer does, but the caller hears nothing; a down callee refuses.
   */
  private call(
    from: Node,
    to: Node,
    method: string,
    request: Record<string, unknown>,
    handle: () => Record<string, unknown>,
  ): Record<string, unknown> | null {
    const fault = this.faults.get(`${from.id}>${to.id}`);
    const startMs = this.tick();
    const record: MessageRecord = {
      seq: this.seq++,
      from: from.id,
      to: to.id,
      method,
      startMs,
      endMs: startMs + 1,
      requestBytes: 30,
      responseBytes: 6,
      status: STATUS_OK,
      request,
    };
    this.messages.push(record);
    if (fault) {
      record.fault = fault;
      record.status = STATUS_DEADLINE_EXCEEDED;
      record.endMs = startMs + DEADLINE_MS;
    }
    if (fault === "blackhole") return null;
    if (!to.up) {
      record.status = STATUS_UNAVAILABLE;
      return null;
    }
    const response = handle();
    if (fault === "lose-answer") return null;
    record.response = response;
    return response;
  }

  private others(p: Node): Node[] {
    return this.nodes.filter((n) => n !== p);
  }

  private node(id: string): Node {
    const n = this.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no ${id}`);
    return n;
  }

  private tick(): number {
    this.nowMs += 300;
    return this.nowMs;
  }
}
