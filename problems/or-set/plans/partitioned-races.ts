// Adds and removes of the same few elements on both sides of cut node links: first one node
// alone, healed; then one node the only bridge between the other two, so a remove can reach
// a node before the add it removed does. Each side keeps answering (availability), the
// converged set is one add-wins allows, and no removed element comes back.
import type { FaultStep, ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { SetWorkload } from "../workload.ts";
import { SET_CLIENTS } from "./workload.ts";

const late = (left: string, right: string): FaultStep[] =>
  (
    [
      [4600, right, "late-add-far", "add"],
      [4700, left, "late-add", "add"],
      [5100, left, "late-remove", "remove"],
    ] as const
  ).map(([atMs, node, label, f]) => ({
    atMs,
    action: { kind: "request", node, label, request: { f, key: "late" }, budgetMs: 500 },
  }));

export function partitionedRaces(seed: number): ScenarioPlan<SetWorkload> {
  const random = seededRandom(seed).fork("partitioned_races");
  const nodes = ["node-0", "node-1", "node-2"];
  const alone = nodes[random.int(0, 2)] as string;
  const bridge = nodes[random.int(0, 2)] as string;
  const [left, right] = nodes.filter((n) => n !== bridge) as [string, string];
  const first = random.int(800, 1200);
  const second = random.int(3900, 4300);
  return {
    name: "partitioned_races",
    description: `Four clients add, remove and read four elements at random nodes; ${alone} is cut off from the others for 2.5 s, then, after a heal, ${bridge} is the only link between ${left} and ${right} until the end; at 4.6 s the judge adds "late" at ${right}, at 4.7 s at ${left}, and at 5.1 s removes it at ${left}; from 5.5 s "c" and "d" are only removed.`,
    seed,
    // The last 1.5 s only remove two elements: an add that crossed the cut after its remove
    // and came back is then in the final set, not hidden behind a newer add.
    workload: { ...SET_CLIENTS, retire: { atMs: 5500, elements: ["c", "d"] } },
    workloadMs: 7000,
    faults: [
      { atMs: first, action: { kind: "partition", groups: [[alone], ["others"]] } },
      { atMs: first + 2500, action: { kind: "heal" } },
      {
        atMs: second,
        action: {
          kind: "partition",
          groups: [
            [left, bridge],
            [bridge, right],
          ],
        },
      },
      // "late" added on both sides of the cut, then removed on the left, which never saw the
      // right's add: the bridge holds both adds, and only a remove applied by tags keeps the
      // right's there. No client touches "late", so the final sets show it.
      ...late(left, right),
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
