// One node is cut off while it alone takes a run of large decrements (the plan's own adds,
// sent to it), and the clients, at every node, mostly increment: the two sides move the
// counter in opposite directions, and after the heal every node must hold both.
import type { FaultStep, ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { PnPlanRequest } from "../plan-requests.ts";
import type { PnWorkload } from "../workload.ts";
import { PN_CLIENTS } from "./workload.ts";

/** The decrements sent to the cut-off node: how many, how far apart, how large. */
const DECREMENTS = 16;
const EVERY_MS = 200;
const SIZE: [number, number] = [20, 60];

export function minorityDecrements(seed: number): ScenarioPlan<PnWorkload> {
  const random = seededRandom(seed).fork("minority_decrements");
  const alone = `node-${random.int(0, 2)}`;
  const cut = random.int(1000, 1400);
  const heal = cut + 4000;
  const decrements: FaultStep[] = Array.from({ length: DECREMENTS }, (_, i) => {
    const request: PnPlanRequest = { delta: -random.int(SIZE[0], SIZE[1]) };
    return {
      atMs: cut + 300 + i * EVERY_MS,
      action: { kind: "request", node: alone, label: "minority", request, budgetMs: 1000 },
    };
  });
  return {
    name: "minority_decrements",
    description: `Three clients add (-4…10, mostly increments) and read at random nodes; ${alone} is cut off from the others for 4 s, during which the judge also sends it ${DECREMENTS} decrements of ${SIZE[0]} to ${SIZE[1]}.`,
    seed,
    workload: { ...PN_CLIENTS, delta: [-4, 10] },
    workloadMs: 7500,
    faults: [
      { atMs: cut, action: { kind: "partition", groups: [[alone], ["others"]] } },
      ...decrements,
      { atMs: heal, action: { kind: "heal" } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
