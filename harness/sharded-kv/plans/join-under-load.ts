// Six clients writing often; node-4 joins at 3 s, so the keys it takes are written while they
// move: a put acknowledged by the old owner must reach the joiner before it answers.
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { FIRST_FOUR, SHARD_CLIENTS } from "./clients.ts";

export function joinUnderLoad(seed: number): ScenarioPlan<ShardWorkload> {
  return {
    name: "join_under_load",
    description:
      "Six clients put (70%) and get twelve keys at random nodes with little pause; the members are node-0…node-3 and node-4 joins at 3 s.",
    seed,
    workload: {
      ...SHARD_CLIENTS,
      clients: 6,
      putShare: 0.7,
      thinkMs: [5, 20],
      memberships: [
        { atMs: 0, members: FIRST_FOUR },
        { atMs: 3000, members: [...FIRST_FOUR, "node-4"] },
      ],
    },
    workloadMs: 6000,
    faults: [],
    recoveryMs: 1500,
    idleWindows: [],
  };
}
