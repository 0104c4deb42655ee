// A scenario is plain data: the problem's workload, a timed fault schedule, and how long to
// wait for recovery. The runner resolves the problem's roles when a fault fires.

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
  | { kind: "start"; node: NodeRef }
  | { kind: "kill-all" }
  | { kind: "start-all" }
  /** Stops (SIGSTOP) every running node at once: a freeze of the whole cluster. */
  | { kind: "pause-all" }
  /** Continues every paused node at the same moment, so their overdue timers fire together. */
  | { kind: "resume-all" }
  | { kind: "pause"; node: NodeRef; as?: string }
  | { kind: "resume"; node: NodeRef }
  /** Groups that cannot reach each other; clients still reach every node. */
  | { kind: "partition"; groups: NodeRef[][]; as?: string }
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
  | { kind: "heal" };

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
