// No faults: node-4 joins at 2.5 s and a member leaves at 5 s while four clients put and get.
// Every check has its evidence here: views of three memberships, a join and a leave.
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { drawNodes, FIRST_FOUR, SHARD_CLIENTS, without } from "./clients.ts";

export function steady(seed: number): ScenarioPlan<ShardWorkload> {
  const [leaver] = drawNodes(seed, "steady", FIRST_FOUR, 1) as [string];
  const five = [...FIRST_FOUR, "node-4"];
  return {
    name: "steady",
    description: `Four clients put and get twelve keys at random nodes, with no faults; the members start as node-0…node-3, node-4 joins at 2.5 s and ${leaver} leaves at 5 s.`,
    seed,
    workload: {
      ...SHARD_CLIENTS,
      memberships: [
        { atMs: 0, members: FIRST_FOUR },
        { atMs: 2500, members: five },
        { atMs: 5000, members: without(five, leaver) },
      ],
    },
    workloadMs: 7000,
    faults: [],
    recoveryMs: 1500,
    idleWindows: [],
  };
}
