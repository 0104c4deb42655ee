// One node's clock runs ahead and another's behind (each restarted under the agent's
// faketime at the start) while the clients write and read the same few keys: a write made
// at the slow node after it saw the fast node's write must still win (a hybrid clock), and
// for a while the fast node is cut off, so concurrent writes race on both sides too.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { MapWorkload } from "../workload.ts";
import { MAP_CLIENTS } from "./workload.ts";

/** How far the fast node's clock is ahead, and the slow node's behind. */
export const SKEW_MS = 400;

export function skewedClocks(seed: number): ScenarioPlan<MapWorkload> {
  const random = seededRandom(seed).fork("skewed_clocks");
  const left = ["node-0", "node-1", "node-2"];
  const ahead = left.splice(random.int(0, 2), 1)[0] as string;
  const behind = left.splice(random.int(0, 1), 1)[0] as string;
  const cut = random.int(3000, 3500);
  return {
    name: "skewed_clocks",
    description: `Four clients put, delete and get three keys at random nodes; ${ahead} is restarted with its clock ${SKEW_MS} ms ahead and ${behind} with its clock ${SKEW_MS} ms behind, and ${ahead} is cut off from the others for 2 s.`,
    seed,
    workload: { ...MAP_CLIENTS, keys: ["k0", "k1", "k2"] },
    workloadMs: 9000,
    faults: [
      { atMs: 0, action: { kind: "kill", node: ahead } },
      { atMs: 100, action: { kind: "start", node: ahead, skewMs: SKEW_MS } },
      { atMs: 200, action: { kind: "kill", node: behind } },
      { atMs: 300, action: { kind: "start", node: behind, skewMs: -SKEW_MS } },
      { atMs: cut, action: { kind: "partition", groups: [[ahead], ["others"]] } },
      { atMs: cut + 2000, action: { kind: "heal" } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
