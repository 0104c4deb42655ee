// Values broadcast on both sides of cut node links: first two nodes split from the other
// three, healed; then one node alone until the end. Each side keeps answering
// (availability), and once healed every value reaches every node (convergence, set-full).
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { BroadcastWorkload } from "../workload.ts";
import { BROADCAST_CLIENTS } from "./workload.ts";

export function partitionedBroadcasts(seed: number): ScenarioPlan<BroadcastWorkload> {
  const random = seededRandom(seed).fork("partitioned_broadcasts");
  const left = ["node-0", "node-1", "node-2", "node-3", "node-4"];
  const order = left.map(() => left.splice(random.int(0, left.length - 1), 1)[0] as string);
  const pair = order.slice(0, 2);
  const alone = order[2] as string;
  const first = random.int(800, 1200);
  const second = random.int(3900, 4300);
  return {
    name: "partitioned_broadcasts",
    description: `Four clients broadcast and read at random nodes; ${pair.join(" and ")} are cut off from the other three for 2.5 s, then, after a heal, ${alone} alone until the end.`,
    seed,
    workload: BROADCAST_CLIENTS,
    workloadMs: 7000,
    faults: [
      { atMs: first, action: { kind: "partition", groups: [pair, ["others"]] } },
      { atMs: first + 2500, action: { kind: "heal" } },
      { atMs: second, action: { kind: "partition", groups: [[alone], ["others"]] } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
