// Accepting a submission (the CLI, the API): validate, count it against its owner's rate when
// there is one, store as queued, publish the submit event. Bad input throws
// SubmissionInputError, a submission over the rate RateLimitedError; both store nothing.
import { randomBytes, randomInt } from "node:crypto";
import { TOPICS } from "../../shared/domain/events.ts";
import {
  newSubmission,
  validateSubmissionInput,
  type Submission,
} from "../../shared/domain/submission.ts";
import type { RateRule } from "../../shared/domain/rate.ts";
import type { Bus } from "../../shared/ports/bus.ts";
import type { ScenarioRunner } from "../../shared/ports/scenarios.ts";
import type { Store } from "../../shared/ports/store.ts";

export interface AcceptPorts {
  store: Store;
  bus: Bus;
  scenarios: Pick<ScenarioRunner, "names">;
  nowMs(): number;
  /** Submissions one owner may make (counted in the store); absent: no limit (the CLI). */
  submissionRate?: RateRule;
}

/** The key local submissions are counted under: one person uses the machine. */
export const LOCAL_OWNER_KEY = "local";

/** An owner made as many submissions as the rate allows; the next fits in `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(
    readonly rule: RateRule,
    readonly retryAfterMs: number,
  ) {
    const minutes = Math.round(rule.windowMs / 60_000);
    super(
      `at most ${rule.limit} submissions in ${minutes} minutes; ` +
        `try again in ${Math.ceil(retryAfterMs / 1000)} s`,
    );
    this.name = "RateLimitedError";
  }
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
  // Counted once valid, before anything is stored: a refused one costs no place.
  if (ports.submissionRate) {
    const rule = ports.submissionRate;
    const admission = await ports.store.admit(ownerId ?? LOCAL_OWNER_KEY, rule, nowMs);
    if (!admission.admitted) throw new RateLimitedError(rule, admission.retryAfterMs);
  }
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

/** Random bytes in a submission id: 128 bits, beyond guessing (a UUID v4 has 122). */
export const SUBMISSION_ID_RANDOM_BYTES = 16;

/**
 * "20261127-081502-" and 32 hex digits: sorts by time, safe in paths and URLs, and not
 * guessable from another id or the time it was made.
 */
export function newSubmissionId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${randomBytes(SUBMISSION_ID_RANDOM_BYTES).toString("hex")}`;
}
