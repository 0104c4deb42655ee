// The bounds statement.md states and the checks hold nodes to. Set from the reference's
// measured numbers with headroom (0.4–0.9 messages per operation, 42–120 bytes a message
// over the three scenarios; the late removes of partitioned_races make the largest): a node that sends what changed, a
// few changes to a message, fits; one that sends its whole set, tombstones and all, on
// every change, or gossips on a timer while idle, does not.
import type { AvailabilityLimits } from "../../harness/availability-check.ts";
import type { EfficiencyLimits } from "../../harness/efficiency-check.ts";

export const AVAILABILITY: AvailabilityLimits = {
  answerMsMax: 1000,
  restartGraceMs: 3000,
  definite: ["ok"],
};

export const EFFICIENCY: EfficiencyLimits = {
  messagesPerOpMax: 3,
  bytesPerMessageMax: 400,
};
