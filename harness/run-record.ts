// Everything one scenario run produced, problem-neutral: the client history, the peer
// traffic the agents recorded, the fault timeline. Checks read it; evidence writes it.
import type { LimitHit, Messages } from "../shared/ports/cluster.ts";
import type { Operation } from "./operation.ts";

/** A fault in force from startMs to endMs (null: to the end of the run). */
export interface FaultWindow {
  startMs: number;
  endMs: number | null;
  description: string;
  /** The nodes this fault stopped (killed or paused): a check owes them no answers. */
  stopped?: string[];
  /** The judge's own links to the nodes were faulted too (a flaky fault with clients). */
  clientLinks?: boolean;
}

/** A moment a role's holder was taken away (killed, paused, cut off in a minority). */
export interface RoleLoss {
  atMs: number;
  /** The role lost ("leader"); "*" when every node was restarted. */
  role: string;
  description: string;
}

export interface TimelineEntry {
  atMs: number;
  /**
   * A fault begins, or faults end (restart, resume, heal); or a note: what the plan did that
   * is no fault (a leader awaited, a request sent, a round begun or given up).
   */
  event: "begin" | "end" | "note";
  /** In words, with roles resolved: "killed node-2 (the leader)". */
  description: string;
}

/** A node found not running after the heal and the recovery wait (readiness-check.ts). */
export interface NodeDown {
  node: string;
  /** In words: "node-2 exited with code 1". */
  cause: string;
  /** Its log's last lines then. */
  logTail: string[];
}

export interface RunRecord<Op extends Operation = Operation> {
  problem: string;
  scenario: string;
  seed: number;
  originMs: number;
  endMs: number;
  nodes: string[];
  /** Every client operation, final reads included, by start time. */
  history: Op[];
  /** The reads of every node or key after the heal (also part of history). */
  finalReads: Op[];
  finalReadBudgetMs: number;
  /**
   * The peer traffic kept, by start time: at most the judge's caps (caps.ts), read from
   * messages.jsonl on each pass in a run (message-file.ts).
   */
  messages: Messages;
  /**
   * Messages missing from `messages`: discarded by the agents' bounded logs, or read past
   * the judge's caps. A check that reads this field has weighed them itself; a check that
   * reads `messages` but not this cannot hold while any are missing (capped-checks.ts).
   */
  messagesDropped: number;
  /** The part of messagesDropped the judge read but did not keep (absent: none). */
  messagesBeyondCap?: number;
  /** Client operations missing from `history`, past the judge's cap; the same rule. */
  historyDropped?: number;
  faults: FaultWindow[];
  roleLosses: RoleLoss[];
  /** Windows with no client operations and no faults, the recovery wait last. */
  idleWindows: [number, number][];
  timeline: TimelineEntry[];
  /** Resource limits the nodes hit during the run (memory, pids, disk), by node. */
  limitHits: (LimitHit & { node: string })[];
  /** Nodes not running after the heal and the recovery wait (absent: none known). */
  nodesDown?: NodeDown[];
  /** What the problem's session recorded itself (ProblemSession.record), for its checks. */
  problemRecord?: unknown;
}
