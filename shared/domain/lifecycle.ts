// Pure changes to a submission: each returns a new document, never mutates, and checks the
// state machine. Steps compose them inside a store transaction.
import { assertTransition, type SubmissionStatus } from "./status.ts";
import type { Claim } from "./claim.ts";
import type { Submission } from "./submission.ts";

/** The submission moved to `to` at `nowMs`, with `fields` set. */
export function advance(
  s: Submission,
  to: SubmissionStatus,
  nowMs: number,
  fields: Partial<Pick<Submission, "error" | "build" | "cluster">> = {},
): Submission {
  assertTransition(s.id, s.status, to);
  const next: Submission = {
    ...s,
    ...fields,
    status: to,
    updatedAt: nowMs,
    stageTimes: { ...s.stageTimes, [to]: nowMs },
  };
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
