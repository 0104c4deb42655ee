// Holding a step's claim while it works: take it in one transaction with the step's own
// precondition, renew it so it does not expire under a long build or scenario, and give up
// quietly when another live delivery holds it (that delivery will finish the work).
import { randomUUID } from "node:crypto";
import { claimedByOther, type ClaimHolder } from "../shared/domain/claim.ts";
import { withClaim } from "../shared/domain/lifecycle.ts";
import { PIPELINE_LIMITS } from "../shared/domain/limits.ts";
import type { Submission } from "../shared/domain/submission.ts";
import { SubmissionNotFoundError } from "../shared/ports/store.ts";
import type { StepPorts } from "./ports.ts";

export interface ClaimRequest {
  submissionId: string;
  step: string;
  /** This execution of the delivery (claimHolder). */
  holder: ClaimHolder;
  /**
   * The submission as it should be written with the claim (a transition, or unchanged), or
   * null when the step's work is not due in this state.
   */
  start(current: Submission): Submission | null;
}

/** A new execution of this delivery. */
export function claimHolder(delivery: { messageId: string; attempt: number }): ClaimHolder {
  return { holder: delivery.messageId, attempt: delivery.attempt, token: randomUUID() };
}

export type Claimed<T> = { held: true; value: T } | { held: false };

export async function whileClaimed<T>(
  ports: StepPorts,
  req: ClaimRequest,
  work: (claimed: Submission) => Promise<T>,
): Promise<Claimed<T>> {
  const { claimLeaseMs, claimRenewMs } = PIPELINE_LIMITS;
  const taken = await ports.store
    .transition(req.submissionId, (current) => {
      const now = ports.nowMs();
      if (claimedByOther(current.claim, req.step, req.holder, now)) return null;
      const started = req.start(current);
      if (!started) return null;
      const claim = { step: req.step, ...req.holder, expiresAtMs: now + claimLeaseMs };
      return withClaim(started, claim, now);
    })
    .catch((err) => {
      if (!(err instanceof SubmissionNotFoundError)) throw err;
      ports.warn(`${req.step}: ${err.message}; the event is ignored`);
      return { applied: false } as const;
    });
  if (!taken.applied) return { held: false };

  let renewing: Promise<unknown> = Promise.resolve();
  const renew = () => {
    renewing = ports.store
      .transition(req.submissionId, (current) => {
        const now = ports.nowMs();
        const mine = current.claim?.token === req.holder.token && current.claim.step === req.step;
        if (!mine) return null;
        return withClaim(current, { ...current.claim!, expiresAtMs: now + claimLeaseMs }, now);
      })
      .catch((err) => ports.warn(`renewing the ${req.step} claim failed: ${String(err)}`));
  };
  const timer = setInterval(renew, claimRenewMs);
  try {
    return { held: true, value: await work(taken.submission) };
  } finally {
    clearInterval(timer);
    await renewing;
  }
}
