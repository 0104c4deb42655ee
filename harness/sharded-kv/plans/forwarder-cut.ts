// One member is cut off from every other node from 2 s to 4 s (the clients still reach it):
// what it forwards fails and what others forward to it fails, and each such call is refused
// UNAVAILABLE and retried; node-4 joins at 5 s, after the heal.
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { drawNodes, FIRST_FOUR, SHARD_CLIENTS } from "./clients.ts";

export function forwarderCut(seed: number): ScenarioPlan<ShardWorkload> {
  const [alone] = drawNodes(seed, "forwarder_cut", FIRST_FOUR, 1) as [string];
  return {
    name: "forwarder_cut",
    description: `Four clients put and get twelve keys at random nodes; ${alone} is cut off from every other node from 2 s to 4 s (clients still reach it); node-4 joins at 5 s.`,
    seed,
    workload: {
      ...SHARD_CLIENTS,
      memberships: [
        { atMs: 0, members: FIRST_FOUR },
        { atMs: 5000, members: [...FIRST_FOUR, "node-4"] },
      ],
    },
    workloadMs: 7000,
    faults: [
      { atMs: 2000, action: { kind: "partition", groups: [[alone], ["others"]] } },
      { atMs: 4000, action: { kind: "heal" } },
    ],
    recoveryMs: 1500,
    idleWindows: [],
  };
}
