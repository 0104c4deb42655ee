// An acceptor dies the moment it has promised a new proposer's ballot, and comes back while
// the old leader, which still has a majority without it, goes on sending Accepts at its older
// ballot: the promise must have been on disk, or the acceptor takes a ballot below the one it
// promised. The new proposer reaches only that acceptor, so it never leads: the old leader's
// Accepts are the first calls the restarted acceptor gets.
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import type { RoundStep, ScenarioPlan } from "../../../harness/plan.ts";
import { roundsPlan } from "./workload.ts";

const round: RoundStep[] = [
  { afterMs: 1000, action: { kind: "label", node: "leader", as: "old" } },
  { afterMs: 0, action: { kind: "label", node: "follower", except: ["$old"], as: "acc" } },
  { afterMs: 0, action: { kind: "label", node: "follower", except: ["$old", "$acc"], as: "new" } },
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
  // The old leader keeps the acceptor and the two others: a majority without the acceptor.
  // The new proposer hears no heartbeat and prepares, but reaches only the acceptor.
  {
    afterMs: 0,
    action: {
      kind: "partition",
      groups: [
        ["$old", "$acc", "others"],
        ["$new", "$acc"],
      ],
      replace: true,
    },
  },
  // Restarted (if its trigger fired) while the old leader's Accepts keep coming.
  { afterMs: 2000, action: { kind: "disarm", node: "$acc" } },
  { afterMs: 1500, action: { kind: "heal" } },
];

export function acceptorRestart(seed: number): ScenarioPlan<KvWorkload> {
  return roundsPlan(seed, {
    name: "acceptor_restart",
    description:
      "Rounds: a node cut off from the leader prepares a new ballot and reaches only one acceptor, which is killed right after its promise and restarted 2 s later, while the leader, still with a majority without it, keeps sending Accepts at its older ballot; then the partition heals.",
    round,
    untilBeforeEndMs: 4000,
  });
}
