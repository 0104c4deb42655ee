// The bounds statement.md states and the checks hold nodes to. Set from the reference's
// measured numbers with headroom (0.54–0.96 messages per operation, 59–65 bytes a message
// over the three scenarios, seeds 1 and 2): a node that sends its own writes, a few to a
// message, fits; one that sends its whole map, tombstones and all, on every change, or
// gossips on a timer while idle, does not.
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
