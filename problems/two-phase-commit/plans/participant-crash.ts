// The participant node-1 killed by its agent right after its YES went back to the coordinator,
// restarted 3 s after arming: it must come back still prepared, holding its vote.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { TxnWorkload } from "../workload.ts";
import { killedByTrigger } from "./clients.ts";

export function participantCrashAfterYes(seed: number): ScenarioPlan<TxnWorkload> {
  return killedByTrigger(seed, {
    name: "participant_crash_after_yes",
    description:
      "Three clients send transfers and reads to node-0; node-1 is killed by its agent right after its YES to a Prepare went back to node-0, and restarted 3 s after arming.",
    node: "node-1",
    trigger: {
      direction: "ingress",
      peer: "node-0",
      method: "Prepare",
      match: { response: { vote: "YES" } },
      phase: "complete",
      action: { kind: "kill" },
      when: "right after its YES went back to node-0",
    },
  });
}
