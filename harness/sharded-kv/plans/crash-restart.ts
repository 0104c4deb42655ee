// A member is killed at 2 s and restarted at 3.5 s with its DATA_DIR, with no membership
// change: what it acknowledged (its keys, its view, the Transfers it took) must survive; at
// 5.5 s another member leaves, so the restarted node's data moves on.
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { drawNodes, NODES, SHARD_CLIENTS, without } from "./clients.ts";

export function crashRestart(seed: number): ScenarioPlan<ShardWorkload> {
  const [crashed, leaver] = drawNodes(seed, "crash_restart", NODES, 2) as [string, string];
  return {
    name: "crash_restart",
    description: `Four clients put and get twelve keys at random nodes; all five nodes are members; ${crashed} is killed at 2 s and restarted at 3.5 s (no membership change); ${leaver} leaves at 5.5 s.`,
    seed,
    workload: {
      ...SHARD_CLIENTS,
      memberships: [
        { atMs: 0, members: NODES },
        { atMs: 5500, members: without(NODES, leaver) },
      ],
    },
    workloadMs: 7500,
    faults: [
      { atMs: 2000, action: { kind: "kill", node: crashed } },
      { atMs: 3500, action: { kind: "start", node: crashed } },
    ],
    recoveryMs: 2000,
    idleWindows: [],
  };
}
