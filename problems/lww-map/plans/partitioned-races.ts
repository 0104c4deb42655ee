// Puts and deletes of the same few keys on both sides of cut node links: first one node
// alone, healed; then one node the only bridge between the other two, so a write can reach
// a node before an older one does. Each side keeps answering (availability), the
// converged map is one last-writer-wins allows, and no deleted value comes back.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { MapWorkload } from "../workload.ts";
import { MAP_CLIENTS } from "./workload.ts";

export function partitionedRaces(seed: number): ScenarioPlan<MapWorkload> {
  const random = seededRandom(seed).fork("partitioned_races");
  const nodes = ["node-0", "node-1", "node-2"];
  const alone = nodes[random.int(0, 2)] as string;
  const bridge = nodes[random.int(0, 2)] as string;
  const [left, right] = nodes.filter((n) => n !== bridge) as [string, string];
  const first = random.int(800, 1200);
  const second = random.int(3900, 4300);
  return {
    name: "partitioned_races",
    description: `Four clients put, delete and get four keys at random nodes; ${alone} is cut off from the others for 2.5 s, then, after a heal, ${bridge} is the only link between ${left} and ${right} until the end; at 4.7 s the judge puts "late" at ${left} and at 5.3 s deletes it at ${bridge}, so the put reaches ${right} only after the delete; the clients stop at 6 s, a second before that heal.`,
    seed,
    workload: MAP_CLIENTS,
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
      // A put the far side gets only after its delete (left's link to right is cut; the
      // bridge passes the delete on at once): it must stay beaten by the delete's tombstone.
      // No client writes "late", so the final map shows it if it came back.
      {
        atMs: 4700,
        action: {
          kind: "request",
          node: left,
          label: "late-put",
          request: { f: "put", key: "late" },
          budgetMs: 500,
        },
      },
      {
        atMs: 5300,
        action: {
          kind: "request",
          node: bridge,
          label: "late-delete",
          request: { f: "delete", key: "late" },
          budgetMs: 500,
        },
      },
      // The clients stop while the bridge still stands: what a node sent into the cut must
      // be resent after the heal, with no new write to carry it.
      { atMs: 6000, action: { kind: "hold-clients", settleMs: 1000 } },
    ],
    recoveryMs: 2500,
    idleWindows: [],
  };
}
