// An acceptor dies the moment it has promised a new proposer's ballot, before that
// proposer's Accept reaches it, and comes back while the old leader still reaches it: its
// promise must have been on disk, or it would take the old leader's lower ballot again.
import type { RoundStep, ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { roundsPlan } from "./workload.ts";

const round: RoundStep[] = [
  { afterMs: 1000, action: { kind: "label", node: "leader", as: "old" } },
  { afterMs: 0, action: { kind: "label", node: "follower", except: ["$old"], as: "acc" } },
  {
    afterMs: 0,
    action: {
      kind: "arm",
      node: "$acc",
      trigger: {
        direction: "ingress",
        method: "Prepare",
        match: { response: { promised: true } },
        phase: "complete",
        action: { kind: "kill" },
        when: "right after it promised a new ballot",
      },
    },
  },
  // The old leader keeps only the acceptor; the acceptor and the other three are a majority
  // that elects a new proposer, whose Prepare reaches the acceptor.
  {
    afterMs: 0,
    action: {
      kind: "partition",
      groups: [
        ["$old", "$acc"],
        ["$acc", "others"],
      ],
      replace: true,
    },
  },
  // Restarted (if its trigger fired) while the old leader still calls it.
  { afterMs: 1500, action: { kind: "disarm", node: "$acc" } },
  { afterMs: 1000, action: { kind: "heal" } },
];

export function acceptorRestart(seed: number): ScenarioPlan<KvWorkload> {
  return roundsPlan(seed, {
    name: "acceptor_restart",
    description:
      "Rounds: the leader is left with one acceptor, which the other three also reach; a new proposer's Prepare reaches that acceptor, which is killed right after its promise and restarted 1.5 s later while the old leader still calls it; then the partition heals.",
    round,
    untilBeforeEndMs: 4000,
  });
}
