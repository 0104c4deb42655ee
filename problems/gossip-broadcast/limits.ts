// The bounds statement.md states and the checks hold nodes to. The efficiency scenario's are
// Gossip Glomers 3d's, scaled to five nodes (statement.md argues the scaling; the maximum
// latency doubled for a shared 2-core machine); the byte bounds and the other scenarios'
// message bounds come from the reference with headroom. The reference measured, seeds 1 and 2
// (seed 1's run on a loaded machine, half the operations):
// - efficiency: 1.35 and 1.25 messages per operation, 22 and 23 bytes a message, stable
//   latency p50 180 / 132 ms, p95 510 / 214 ms, max 940 / 283 ms;
// - partitioned_broadcasts 1.18 / 1.02, crash_restart 1.89 / 1.98, lost_answers 2.14 / 1.92
//   messages per operation, 20 to 25 bytes a message.
import type { AvailabilityLimits } from "../../harness/availability-check.ts";
import type { EfficiencyLimits } from "../../harness/efficiency-check.ts";

export const AVAILABILITY: AvailabilityLimits = {
  answerMsMax: 1000,
  restartGraceMs: 3000,
  definite: ["ok"],
};

/** The scenario judged like Gossip Glomers 3d: no faults, every peer link delayed 100 ms. */
export const EFFICIENCY_SCENARIO = "efficiency";

/** Per scenario; the efficiency scenario's are the tight ones. */
export function efficiencyLimits(scenario: string): EfficiencyLimits {
  return scenario === EFFICIENCY_SCENARIO
    ? { messagesPerOpMax: 2.5, bytesPerMessageMax: 120 }
    : { messagesPerOpMax: 4, bytesPerMessageMax: 300 };
}

/** Stable latency bounds (ms) in the efficiency scenario, from the broadcast's invocation. */
export const STABLE_LATENCY = { medianMsMax: 400, maxMsMax: 1200 };
