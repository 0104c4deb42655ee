// A member cannot reach node-4 from 2 s to 4.2 s, and node-4 joins at 2.2 s: the keys it
// takes from that member cannot arrive until the heal. 0.3 s after the join the judge Gets,
// at node-4, anchors it put before that move from the cut member to node-4: node-4 must
// refuse them (UNAVAILABLE) until it has that member's Transfer, never answer without it.
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { drawNodes, FIRST_FOUR, SHARD_CLIENTS } from "./clients.ts";

export function handoffCut(seed: number): ScenarioPlan<ShardWorkload> {
  const [cut] = drawNodes(seed, "handoff_cut", FIRST_FOUR, 1) as [string];
  return {
    name: "handoff_cut",
    description: `Four clients put and get twelve keys at random nodes; ${cut} cannot reach node-4 from 2 s to 4.2 s, and node-4 joins at 2.2 s, so what it takes from ${cut} waits for the heal.`,
    seed,
    workload: {
      ...SHARD_CLIENTS,
      memberships: [
        { atMs: 0, members: FIRST_FOUR },
        { atMs: 2200, members: [...FIRST_FOUR, "node-4"] },
      ],
    },
    workloadMs: 6500,
    faults: [
      { atMs: 2000, action: { kind: "cut", from: cut, to: "node-4" } },
      { atMs: 4200, action: { kind: "heal" } },
    ],
    recoveryMs: 1500,
    idleWindows: [],
  };
}
