// Every LWW map scenario by name, and the clock skew bound each one holds the nodes to.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { MapWorkload } from "../workload.ts";
import { crashRestart } from "./crash-restart.ts";
import { partitionedRaces } from "./partitioned-races.ts";
import { skewedClocks } from "./skewed-clocks.ts";

export const PLANS: Readonly<Record<string, (seed: number) => ScenarioPlan<MapWorkload>>> = {
  partitioned_races: partitionedRaces,
  skewed_clocks: skewedClocks,
  crash_restart: crashRestart,
};

/**
 * What two clocks may differ by beyond a plan's skews: milliseconds that stamps truncate
 * to, and the judge's clock against the nodes' (one machine, or NTP-synced machines).
 */
export const CLOCK_MARGIN_MS = 50;

/**
 * The widest spread between two nodes' clocks at one instant in the plan: the skews its
 * starts give (a node never skewed reads the true time) and the margin.
 */
export function clockBoundMs(plan: ScenarioPlan): number {
  const skews = plan.faults.flatMap((f) =>
    f.action.kind === "start" ? [f.action.skewMs ?? 0] : [],
  );
  return CLOCK_MARGIN_MS + Math.max(0, ...skews) - Math.min(0, ...skews);
}
