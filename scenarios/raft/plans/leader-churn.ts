// The leader is lost again and again while clients write: isolated, killed, paused, cut
// off one way. Entries from old terms must not be committed by counting (the Raft paper's
// figure 8), and no term may have two leaders.
import type { FaultStep, ScenarioPlan } from "../../plan.ts";
import { seededRandom } from "../../random.ts";

const ROUND_MS = 2500;

export function leaderChurn(seed: number): ScenarioPlan {
  const random = seededRandom(seed).fork("leader_churn");
  const faults: FaultStep[] = [];
  let at = 2000;
  const rounds: FaultStep["action"][][] = [
    [{ kind: "partition", groups: [["leader"], ["others"]] }, { kind: "heal" }],
    [
      { kind: "kill", node: "leader", as: "k1" },
      { kind: "start", node: "$k1" },
    ],
    [{ kind: "partition", groups: [["leader", "follower"], ["others"]] }, { kind: "heal" }],
    [
      { kind: "pause", node: "leader", as: "p" },
      { kind: "resume", node: "$p" },
    ],
    [
      { kind: "kill", node: "leader", as: "k2" },
      { kind: "start", node: "$k2" },
    ],
    [{ kind: "partition", groups: [["leader"], ["others"]] }, { kind: "heal" }],
  ];
  for (const [fault, repair] of rounds) {
    const jitter = random.int(0, 400);
    faults.push({ atMs: at + jitter, action: fault as FaultStep["action"] });
    faults.push({ atMs: at + jitter + ROUND_MS - 500, action: repair as FaultStep["action"] });
    at += ROUND_MS + 500;
  }
  return {
    name: "leader_churn",
    description:
      "Six rounds in a row take the leader away (isolated, killed, cut off with a follower, paused), each repaired 2 s later, while clients write.",
    seed,
    workload: {
      clients: 5,
      keys: 5,
      mix: { get: 3, put: 2, append: 5 },
      thinkMs: [20, 60],
      targeting: "leader",
    },
    workloadMs: at + 1000,
    idleWindows: [],
    faults,
    recoveryMs: 3000,
  };
}
