// The bounds statement.md states and the checks hold nodes to. Set from the reference's
// measured numbers with headroom (see below): one Deliver per send, resent with a backoff
// while the addressee is cut off, fits; resending every few ms or on a timer does not.
import type { AvailabilityLimits } from "../../harness/availability-check.ts";
import type { EfficiencyLimits } from "../../harness/efficiency-check.ts";

export const AVAILABILITY: AvailabilityLimits = {
  answerMsMax: 1000,
  restartGraceMs: 3000,
  // A send addressed to the node itself is refused at once: a definite answer too.
  definite: ["ok", "invalid"],
};

export const EFFICIENCY: EfficiencyLimits = {
  messagesPerOpMax: 1.5,
  bytesPerMessageMax: 150,
};
