// Pure changes to a submission: each returns a new document, never mutates, and checks the
// state machine. Steps compose them inside a store transaction.
import { assertTransition, type SubmissionStatus } from "./status.ts";
import type { Claim } from "./claim.ts";
import { outcomeOf } from "./outcome.ts";
import type { ScenarioResult } from "./result.ts";
import type { Submission } from "./submission.ts";

type AdvanceFields = Partial<Pick<Submission, "error" | "build" | "cluster">>;

/**
 * The statuses reached once scenarios may have run (only `testing` runs them): their outcome
 * counts the stored results, so moving there takes them. build_failed and deploy_failed come
 * before any scenario, so their outcome needs none.
 */
const AFTER_SCENARIOS: readonly SubmissionStatus[] = ["completed", "failed"];

/**
 * The submission moved to `to` at `nowMs`, with `fields` set. Moving to a terminal status
 * also sets its outcome (domain/outcome.ts): every step moves through here, so none can end a
 * submission without one. Completed and failed take the stored results in run order.
 */
export function advance(
  s: Submission,
  to: Exclude<SubmissionStatus, "completed" | "failed">,
  nowMs: number,
  fields?: AdvanceFields,
): Submission;
export function advance(
  s: Submission,
  to: SubmissionStatus,
  nowMs: number,
  fields: AdvanceFields & { results: readonly ScenarioResult[] },
): Submission;
export function advance(
  s: Submission,
  to: SubmissionStatus,
  nowMs: number,
  fields: AdvanceFields & { results?: readonly ScenarioResult[] } = {},
): Submission {
  assertTransition(s.id, s.status, to);
  const { results, ...set } = fields;
  if (AFTER_SCENARIOS.includes(to) && !results) {
    throw new Error(`submission ${s.id}: moving to ${to} needs the stored results`);
  }
  const next: Submission = {
    ...s,
    ...set,
    status: to,
    updatedAt: nowMs,
    stageTimes: { ...s.stageTimes, [to]: nowMs },
  };
  const outcome = outcomeOf(to, results ?? [], s.scenarios.length);
  if (outcome) next.outcome = outcome;
  // A claim is on work in the old status: whoever works in the new one claims afresh.
  delete next.claim;
  return next;
}

export function withClaim(s: Submission, claim: Claim, nowMs: number): Submission {
  return { ...s, claim, updatedAt: nowMs };
}

/** The claim dropped if the execution `token` still holds it; otherwise unchanged. */
export function withoutClaim(s: Submission, token: string, nowMs: number): Submission {
  if (s.claim?.token !== token) return s;
  const next = { ...s, updatedAt: nowMs };
  delete next.claim;
  return next;
}

/** The cluster torn down at `nowMs` for `reason` (domain/teardown.ts); the first one stays. */
export function tornDown(s: Submission, nowMs: number, reason: string): Submission {
  if (s.tornDownAt !== undefined) return s;
  return { ...s, tornDownAt: nowMs, tornDownReason: reason, updatedAt: nowMs };
}

/** The cluster running again (a redeploy): no teardown time or reason is left from before. */
export function notTornDown(s: Submission): Submission {
  const next = { ...s };
  delete next.tornDownAt;
  delete next.tornDownReason;
  return next;
}
