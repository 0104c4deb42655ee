// Two overlapping majorities at once: the leader keeps one follower and a shared node, the
// shared node and the other two form a second majority that elects a proposer of its own.
// The shared node hears Prepares and Accepts from both, so the two proposers run phase 1
// over each other until the heal; whatever either one was told chosen must stay chosen.
import type { RoundStep, ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { PAXOS_CLIENTS, roundsPlan } from "./workload.ts";

/** How long the two majorities overlap before the heal. */
const OVERLAP_MS = 3000;

const round: RoundStep[] = [
  { afterMs: 1000, action: { kind: "label", node: "leader", as: "a" } },
  { afterMs: 0, action: { kind: "label", node: "follower", except: ["$a"], as: "mid" } },
  { afterMs: 0, action: { kind: "label", node: "follower", except: ["$a", "$mid"], as: "b" } },
  {
    afterMs: 0,
    action: {
      kind: "partition",
      groups: [
        ["$a", "$b", "$mid"],
        ["$mid", "others"],
      ],
      replace: true,
    },
  },
  { afterMs: OVERLAP_MS, action: { kind: "heal" } },
];

export function duelingProposers(seed: number): ScenarioPlan<KvWorkload> {
  return roundsPlan(seed, {
    name: "dueling_proposers",
    description: `Rounds of two overlapping majorities for ${OVERLAP_MS / 1000} s each: the leader with a follower and a shared node, and the shared node with the other two, which elect a proposer of their own; both sides' clients keep writing, then the partition heals.`,
    workload: { ...PAXOS_CLIENTS, clients: 5 },
    round,
    untilBeforeEndMs: 5000,
  });
}
