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

/**
 * Every add a decrement of 1 to 10: an add applied twice then always moves the sum, where
 * with signed deltas the repeats could cancel out (a +4 and a -4 applied twice leave it
 * unchanged) and a node without deduplication would pass some runs.
 */
export const DECREMENTING_CLIENTS: PnWorkload = { ...PN_CLIENTS, delta: [-10, -1] };

/** A G-Counter scenario with PN-Counter's clients: same faults, deltas of either sign. */
export function withSignedClients(
  plan: ScenarioPlan<unknown>,
  clients: PnWorkload = PN_CLIENTS,
): ScenarioPlan<PnWorkload> {
  return {
    ...plan,
    description: `${plan.description} Deltas are uniform in ${clients.delta[0]}…${clients.delta[1]}.`,
    workload: clients,
  };
}
