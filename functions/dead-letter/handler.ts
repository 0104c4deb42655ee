// dead-letter: a step failed on every delivery attempt. The submission becomes failed with
// the step and its last error in words, and its cluster, if it may have one, is torn down.
import {
  DEAD_LETTER_ATTRIBUTES,
  TOPICS,
  type DeadLetterEvent,
} from "../../shared/domain/events.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import { isTerminal } from "../../shared/domain/status.ts";
import type { StepHandler } from "../ports.ts";
import { teardownAfterGivingUp } from "./last-resort.ts";

export const handleDeadLetter: StepHandler<DeadLetterEvent> = async (event, ports, delivery) => {
  const attrs = delivery.attributes;
  const source = attrs[DEAD_LETTER_ATTRIBUTES.sourceTopic] ?? "an unknown";
  const attempts = attrs[DEAD_LETTER_ATTRIBUTES.deliveryAttempts] ?? "?";
  const lastError = (attrs[DEAD_LETTER_ATTRIBUTES.lastError] ?? "").split("\n")[0];
  const s = await ports.store.get(event.submissionId);
  if (!s) return [];
  if (source === TOPICS.teardown) {
    // The verdict stands; only the cleanup failed. It is kept as a dead letter to look at.
    ports.warn(`teardown of ${s.id} failed ${attempts} times: ${lastError}`);
    return [];
  }
  const message = `the judge's ${source} step failed ${attempts} times; last error: ${lastError}`;
  // The outcome counts what passed before the judge gave up (a judge error all the same).
  const results = (await ports.store.listResults(s.id)).map((r) => r.result);
  const error = { stage: "pipeline" as const, message };
  const moved = await ports.store.transition(s.id, (c) =>
    isTerminal(c.status) ? null : advance(c, "failed", ports.nowMs(), { error, results }),
  );
  return moved.applied ? teardownAfterGivingUp(moved.submission) : [];
};
