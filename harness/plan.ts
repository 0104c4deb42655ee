// A scenario is plain data: the problem's workload, a timed fault schedule, and how long to
// wait for recovery. The runner resolves the problem's roles when a fault fires. Rounds
// steer by what the traffic shows: wait for a role's holder among some nodes, act on it,
// send the problem's own client requests to chosen nodes, hold the clients meanwhile.

import type { TriggerRule } from "../shared/ports/cluster.ts";

/**
 * A node named by id ("node-2"), by one of the problem's roles when the fault fires
 * ("leader"; "follower": a seeded choice among the nodes not holding the leader role), by a
 * label an earlier step gave ("$victim"), or "others": every node not named elsewhere in the
 * same partition.
 */
export type NodeRef = string;

export type FaultAction =
  | { kind: "kill"; node: NodeRef; as?: string }
  /**
   * Starts a stopped node with the same DATA_DIR; with `skewMs`, its clock reads that many
   * ms ahead (negative: behind) of the true time until its next start (the agent's faketime).
   */
  | { kind: "start"; node: NodeRef; skewMs?: number }
  | { kind: "kill-all" }
  | { kind: "start-all" }
  /** Stops (SIGSTOP) every running node at once: a freeze of the whole cluster. */
  | { kind: "pause-all" }
  /** Continues every paused node at the same moment, so their overdue timers fire together. */
  | { kind: "resume-all" }
  | { kind: "pause"; node: NodeRef; as?: string }
  | { kind: "resume"; node: NodeRef }
  /**
   * Each node reaches exactly the nodes it shares a group with; clients still reach every
   * node. Groups may overlap: [[a, b], [a, c]] lets a reach b and c, and b and c only a.
   * Added to the link rules in force, or with `replace` instead of them all.
   */
  | { kind: "partition"; groups: NodeRef[][]; as?: string; replace?: boolean }
  /** One direction only: `from` cannot reach `to`, the reverse still works. */
  | { kind: "cut"; from: NodeRef; to: NodeRef }
  /**
   * Every peer link (and the clients' links when `clients`) drops, delays, and loses the
   * answers of calls (the node acted, the caller never heard: retries must not repeat it).
   */
  | {
      kind: "flaky";
      dropProbability: number;
      loseAnswerProbability: number;
      delayMs: number;
      jitterMs: number;
      clients: boolean;
    }
  /**
   * A fault that fires on a message (docs/agent.md, "Triggers"): the node's agent does
   * `trigger.action` to it as soon as the node sends or receives the call it describes,
   * e.g. kills the leader right after a follower accepted its new entries.
   */
  | { kind: "arm"; node: NodeRef; as?: string; trigger: ArmedTrigger }
  /** Removes the node's triggers and lifts what they did: restarts it, resumes it, heals cuts. */
  | { kind: "disarm"; node: NodeRef }
  /** Clear every link rule and trigger, resume paused nodes, start stopped ones. */
  | { kind: "heal" }
  /** Words on the timeline, for what a step's timing is for. */
  | { kind: "note"; text: string }
  /** Gives a node (not one of `except`) a label for later steps, and does nothing to it. */
  | { kind: "label"; node: NodeRef; as: string; except?: NodeRef[] }
  /**
   * Waits until the traffic shows a holder of `role` among `among` (default: any node) and
   * not in `except`, and labels it. Gives up when timeoutMs pass, or at once when the holder
   * is one of `giveUpOn` ("others": every node named in none of the three lists). Inside
   * rounds, giving up ends the round.
   */
  | {
      kind: "await";
      role: string;
      among?: NodeRef[];
      except?: NodeRef[];
      giveUpOn?: NodeRef[];
      as?: string;
      timeoutMs: number;
    }
  /**
   * Sends one client operation of the problem's own to `node` (ProblemSession.requests) and
   * waits for its answer, up to budgetMs. With `request`, a new operation named `label`;
   * without, the one last named `label` again, with the same identity: a retry.
   */
  | { kind: "request"; node: NodeRef; label: string; request?: unknown; budgetMs: number }
  /**
   * The workload's clients start no operation until "release-clients"; waits up to settleMs
   * for those in flight to end, so the steps that follow see no other traffic.
   */
  | { kind: "hold-clients"; settleMs: number }
  | { kind: "release-clients" }
  /**
   * The steps again and again, each step afterMs after the previous one ended, while a round
   * can still start before untilMs (from the scenario's origin). After every round, whole or
   * given up (an await that gave up), `finally` runs: the repair. Not nested.
   */
  | { kind: "rounds"; untilMs: number; steps: RoundStep[]; finally: RoundStep[] };

/** One step of a round: its action, afterMs after the previous step ended. */
export interface RoundStep {
  afterMs: number;
  action: FaultAction;
}

/** A trigger rule as a plan states it: the harness names it; `when` says it in words. */
export type ArmedTrigger = Omit<TriggerRule, "id"> & { when: string };

export interface FaultStep {
  atMs: number;
  action: FaultAction;
}

export interface ScenarioPlan<Workload = unknown> {
  name: string;
  description: string;
  seed: number;
  /** The problem's own description of its clients (how many, what they do). */
  workload: Workload;
  /** Clients run from 0 to workloadMs. */
  workloadMs: number;
  faults: FaultStep[];
  /** Idle wait after the final heal, before the final reads (heartbeats are checked here). */
  recoveryMs: number;
  /**
   * Idle windows [fromMs, toMs] with no client operations and no faults, where the
   * heartbeat rate is checked; the recovery wait is always one.
   */
  idleWindows: [number, number][];
}
