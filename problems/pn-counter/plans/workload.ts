// The clients PN-Counter scenarios run: three of them, mostly adding, deltas from -10 to 10,
// so that a node's own counts are lowered as often as raised and the subsets of unknown adds
// leave gaps a wrong final value can fall into. G-Counter's scenarios (partitions, crashes,
// lost answers) are reused with these clients.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { PnWorkload } from "../workload.ts";

export const PN_CLIENTS: PnWorkload = {
  clients: 3,
  addShare: 0.7,
  delta: [-10, 10],
  thinkMs: [20, 60],
};

/** A G-Counter scenario with PN-Counter's clients: same faults, deltas of either sign. */
export function withSignedClients(plan: ScenarioPlan<unknown>): ScenarioPlan<PnWorkload> {
  return {
    ...plan,
    description: `${plan.description} Deltas are uniform in -10…10.`,
    workload: PN_CLIENTS,
  };
}
