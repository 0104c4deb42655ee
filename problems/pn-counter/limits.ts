// The bounds statement.md states and the checks hold nodes to. Set from the reference's
// measured numbers with headroom (MEASURED below): a correct gossip design that sends only
// when something changed fits; one that gossips on a timer while idle does not.
import type { AvailabilityLimits } from "../../harness/availability-check.ts";
import type { EfficiencyLimits } from "../../harness/efficiency-check.ts";

export const AVAILABILITY: AvailabilityLimits = {
  answerMsMax: 1000,
  restartGraceMs: 3000,
  definite: ["ok"],
};

export const EFFICIENCY: EfficiencyLimits = {
  messagesPerOpMax: 3,
  bytesPerMessageMax: 100,
};
