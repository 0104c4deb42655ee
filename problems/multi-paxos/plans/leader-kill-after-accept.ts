// The leader dies right after the next Accept it sends left it (while clients write, most
// often the first of a new slot): the slot holds a proposal at one acceptor at most, unknown to the others, and the next leader must settle
// it (adopt it if its promises report it, or fill the slot otherwise) before going on.
import type { RoundStep, ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { roundsPlan } from "./workload.ts";

const round: RoundStep[] = [
  { afterMs: 1000, action: { kind: "await", role: "leader", as: "l", timeoutMs: 3000 } },
  {
    afterMs: 0,
    action: {
      kind: "arm",
      node: "$l",
      trigger: {
        direction: "egress",
        method: "Accept",
        phase: "start",
        action: { kind: "kill" },
        when: "right after its next Accept left it",
      },
    },
  },
  // Restarted once the others have had time to elect the next leader.
  { afterMs: 2000, action: { kind: "disarm", node: "$l" } },
];

export function leaderKillAfterAccept(seed: number): ScenarioPlan<KvWorkload> {
  return roundsPlan(seed, {
    name: "leader_kill_after_accept",
    description:
      "Rounds while clients write: the leader is killed by a trigger the moment its next Accept leaves it, and restarted 2 s later.",
    round,
    untilBeforeEndMs: 4000,
  });
}
