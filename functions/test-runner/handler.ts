// test-runner: one scenario per event, so each invocation fits a Cloud Function's time
// limit. Runs the scenario unless its result is stored, then publishes the next scenario's
// event, or after the last marks the submission completed and publishes teardown.
import { claimedStep, scenarioStep } from "../../shared/domain/claim.ts";
import { nextEvent, type NextEvent, type TestRunnerEvent } from "../../shared/domain/events.ts";
import { advance, withoutClaim } from "../../shared/domain/lifecycle.ts";
import type { Submission } from "../../shared/domain/submission.ts";
import { claimHolder, whileClaimed } from "../claims.ts";
import type { StepHandler, StepPorts } from "../ports.ts";
import { runScenario } from "./run-scenario.ts";
import { TEARDOWN_REASONS } from "../../shared/domain/teardown.ts";

export const handleTestRunner: StepHandler<TestRunnerEvent> = async (event, ports, delivery) => {
  const { submissionId: id, scenarioIndex: index } = event;
  const s = await ports.store.get(id);
  if (!s || index >= s.scenarios.length) {
    ports.warn(`test-runner: no scenario ${index} in submission ${id}; the event is ignored`);
    return [];
  }
  const last = index === s.scenarios.length - 1;
  if (s.status !== "testing") {
    // Completed but not torn down: the attempt that completed it may have died.
    const teardownDue = s.status === "completed" && last && s.tornDownAt === undefined;
    return teardownDue && delivery.attempt > 1
      ? [nextEvent.teardown(id, TEARDOWN_REASONS.afterVerdict)]
      : [];
  }
  const stored = new Set((await ports.store.listResults(id)).map((r) => r.index));
  if (stored.has(index)) return delivery.attempt > 1 ? republish(s, index, stored, ports) : [];
  // Scenarios run one at a time, in order: an event ahead of its turn waits for the chain.
  for (let earlier = 0; earlier < index; earlier++) if (!stored.has(earlier)) return [];

  const me = claimHolder(delivery);
  const ran = await whileClaimed(
    ports,
    {
      submissionId: id,
      step: scenarioStep(index),
      holder: me,
      start: (c) => (c.status === "testing" ? c : null),
    },
    (c) => runScenario(c, index, ports),
  );
  if (!ran.held) return [];
  if (last) return complete(id, ports);
  await ports.store.transition(id, (c) => withoutClaim(c, me.token, ports.nowMs()));
  return [nextEvent.testRunner(id, index + 1)];
};

/** Every scenario is stored: testing → completed with its outcome, and the cluster goes. */
async function complete(id: string, ports: StepPorts): Promise<NextEvent[]> {
  // Results are written once and never change, so reading them before the transaction is safe.
  const results = (await ports.store.listResults(id)).map((r) => r.result);
  const done = await ports.store.transition(id, (c) =>
    c.status === "testing" ? advance(c, "completed", ports.nowMs(), { results }) : null,
  );
  const after = done.submission;
  return after.status === "completed" && after.tornDownAt === undefined
    ? [nextEvent.teardown(id, TEARDOWN_REASONS.afterVerdict)]
    : [];
}

/**
 * A redelivered event whose scenario is stored: the earlier attempt may have died between
 * storing and publishing, so publish what it would have, unless that work has begun.
 */
async function republish(
  s: Submission,
  index: number,
  stored: Set<number>,
  ports: StepPorts,
): Promise<NextEvent[]> {
  const next = index + 1;
  if (next === s.scenarios.length) return complete(s.id, ports);
  if (stored.has(next) || claimedStep(s.claim, scenarioStep(next), ports.nowMs())) return [];
  return [nextEvent.testRunner(s.id, next)];
}
