// teardown: stops the submission's cluster and records when and why (the event's reason).
// Safe to repeat; an event for a cluster already torn down does nothing.
import type { TeardownEvent } from "../../shared/domain/events.ts";
import { tornDown } from "../../shared/domain/lifecycle.ts";
import type { StepHandler } from "../ports.ts";

export const handleTeardown: StepHandler<TeardownEvent> = async (event, ports) => {
  const s = await ports.store.get(event.submissionId);
  if (!s) {
    ports.warn(`teardown: no submission ${event.submissionId}; the event is ignored`);
    return [];
  }
  if (s.tornDownAt !== undefined) return [];
  await ports.cluster.teardown(s.id);
  await ports.store.transition(s.id, (c) => tornDown(c, ports.nowMs(), event.reason));
  return [];
};
