// Accepting a submission (the CLI now, the API later): validate, store as queued, publish
// the submit event. Bad input throws SubmissionInputError and stores nothing.
import { randomBytes, randomInt } from "node:crypto";
import { TOPICS } from "../../shared/domain/events.ts";
import {
  newSubmission,
  validateSubmissionInput,
  type Submission,
} from "../../shared/domain/submission.ts";
import type { Bus } from "../../shared/ports/bus.ts";
import type { ScenarioRunner } from "../../shared/ports/scenarios.ts";
import type { Store } from "../../shared/ports/store.ts";

export interface AcceptPorts {
  store: Store;
  bus: Bus;
  scenarios: Pick<ScenarioRunner, "names">;
  nowMs(): number;
}

/** The largest seed: scenario plans take a 31-bit seed. */
const SEED_MAX = 2 ** 31 - 1;

export async function acceptSubmission(
  raw: unknown,
  ports: AcceptPorts,
  ownerId?: string,
): Promise<Submission> {
  const input = validateSubmissionInput(raw, (problem) => ports.scenarios.names(problem));
  const nowMs = ports.nowMs();
  const made = newSubmission(input, {
    id: newSubmissionId(nowMs),
    nowMs,
    seed: randomInt(0, SEED_MAX),
  });
  const submission = ownerId === undefined ? made : { ...made, ownerId };
  await ports.store.create(submission);
  await ports.bus.publish(TOPICS.submit, { submissionId: submission.id });
  return submission;
}

/** "20261127-081502-a3f9c1": sorts by time, safe in paths and URLs. */
export function newSubmissionId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
