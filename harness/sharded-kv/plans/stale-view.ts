// A member is paused from 2 s to 4.3 s while node-4 joins (2.3 s) and another member leaves
// (3.3 s): it wakes with epoch 1 and gets only epoch 3 from the judge, skipping epoch 2. A
// node that keeps its old view, or applies only the next epoch, reports it at the end.
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { drawNodes, FIRST_FOUR, SHARD_CLIENTS, without } from "./clients.ts";

export function staleView(seed: number): ScenarioPlan<ShardWorkload> {
  const [paused, leaver] = drawNodes(seed, "stale_view", FIRST_FOUR, 2) as [string, string];
  const five = [...FIRST_FOUR, "node-4"];
  return {
    name: "stale_view",
    description: `Four clients put and get twelve keys at random nodes; ${paused} is paused from 2 s to 4.3 s, and meanwhile node-4 joins (2.3 s) and ${leaver} leaves (3.3 s).`,
    seed,
    workload: {
      ...SHARD_CLIENTS,
      memberships: [
        { atMs: 0, members: FIRST_FOUR },
        { atMs: 2300, members: five },
        { atMs: 3300, members: without(five, leaver) },
      ],
    },
    workloadMs: 7000,
    faults: [
      { atMs: 2000, action: { kind: "pause", node: paused } },
      { atMs: 4300, action: { kind: "resume", node: paused } },
    ],
    recoveryMs: 2000,
    idleWindows: [],
  };
}
