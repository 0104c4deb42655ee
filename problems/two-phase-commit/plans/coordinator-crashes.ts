// The coordinator node-0 killed by its agent at three moments of a transaction, restarted 3 s
// after arming: right after a Prepare left for node-2 (node-2 votes, node-0 never hears it),
// right after node-2's YES reached it (the votes in, no decision yet), and right after it sent
// COMMIT to node-1 (node-2, told only after node-1 acknowledges, does not have it).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { TxnWorkload } from "../workload.ts";
import { killedByTrigger, SOLO_CLIENT } from "./clients.ts";

export function coordinatorCrashAfterPrepare(seed: number): ScenarioPlan<TxnWorkload> {
  return killedByTrigger(seed, {
    name: "coordinator_crash_after_prepare",
    description:
      "One client sends transfers and reads to node-0, one at a time; node-0 is killed by its agent right after its next Prepare to node-2 leaves, and restarted 3 s after arming: node-2 voted and waits in doubt.",
    node: "node-0",
    workload: SOLO_CLIENT,
    trigger: {
      direction: "egress",
      peer: "node-2",
      method: "Prepare",
      phase: "start",
      action: { kind: "kill" },
      when: "right after it sent a Prepare to node-2",
    },
  });
}

export function coordinatorCrashBeforeDecision(seed: number): ScenarioPlan<TxnWorkload> {
  return killedByTrigger(seed, {
    name: "coordinator_crash_before_decision",
    description:
      "Three clients send transfers and reads to node-0; node-0 is killed by its agent right after a YES from node-2 reaches it, before it can decide, and restarted 3 s after arming.",
    node: "node-0",
    trigger: {
      direction: "egress",
      peer: "node-2",
      method: "Prepare",
      match: { response: { vote: "YES" } },
      phase: "complete",
      action: { kind: "kill" },
      when: "right after node-2's YES reached it",
    },
  });
}

export function coordinatorCrashAfterCommitToOne(seed: number): ScenarioPlan<TxnWorkload> {
  return killedByTrigger(seed, {
    name: "coordinator_crash_after_commit_to_one",
    description:
      "Three clients send transfers and reads to node-0; node-0 is killed by its agent right after it sends COMMIT to node-1, and restarted 3 s after arming: node-2 voted YES and has no decision.",
    node: "node-0",
    trigger: {
      direction: "egress",
      peer: "node-1",
      method: "Decide",
      match: { request: { decision: "COMMIT" } },
      phase: "start",
      action: { kind: "kill" },
      when: "right after it sent COMMIT to node-1",
    },
  });
}
