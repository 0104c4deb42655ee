// All five are members; one leaves at 2.5 s while six clients write, and rejoins at 5 s
// holding its old copies: the newer writes made meanwhile must win over them.
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { drawNodes, NODES, SHARD_CLIENTS, without } from "./clients.ts";

export function leaveUnderLoad(seed: number): ScenarioPlan<ShardWorkload> {
  const [leaver] = drawNodes(seed, "leave_under_load", NODES, 1) as [string];
  return {
    name: "leave_under_load",
    description: `Six clients put (70%) and get twelve keys at random nodes with little pause; all five nodes are members, ${leaver} leaves at 2.5 s and rejoins at 5 s.`,
    seed,
    workload: {
      ...SHARD_CLIENTS,
      clients: 6,
      putShare: 0.7,
      thinkMs: [5, 20],
      memberships: [
        { atMs: 0, members: NODES },
        { atMs: 2500, members: without(NODES, leaver) },
        { atMs: 5000, members: NODES },
      ],
    },
    workloadMs: 7000,
    faults: [],
    recoveryMs: 1500,
    idleWindows: [],
  };
}
