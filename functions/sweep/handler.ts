// sweep: on a scheduler's tick, asks for the teardown of every cluster left idle, with the
// reason ("idle for 31 min") in the event; teardown keeps it on the submission. Safe to
// repeat: a tick before the teardown ran asks again, which teardown ignores once the cluster
// is down; after that none is asked. A submission no step moved for STUCK_LIMIT_MS is failed
// (the pipeline's last resort, functions/dead-letter/last-resort.ts), so it always ends.
import { nextEvent, type NextEvent, type SweepEvent } from "../../shared/domain/events.ts";
import { STATUSES, isTerminal, type SubmissionStatus } from "../../shared/domain/status.ts";
import type { SubmissionListing } from "../../shared/domain/listing.ts";
import { TEARDOWN_REASONS } from "../../shared/domain/teardown.ts";
import { GIVING_UP, failLostSubmission } from "../dead-letter/last-resort.ts";
import type { StepHandler } from "../ports.ts";

/** The seed's rule: a cluster nobody has used for this long is torn down. */
export const IDLE_LIMIT_MS = 30 * 60_000;

/** Every status a submission may have a cluster in (deploy records it before testing). */
const STATUSES_WITH_CLUSTER: SubmissionStatus[] = [
  "deploying",
  "testing",
  "completed",
  "deploy_failed",
  "failed",
];

/**
 * How long the submission's cluster has been idle, or null when it has none running or a
 * step is working on it now. Every step's work shows in `updatedAt` (claims are renewed
 * every few seconds while a scenario runs), so idle time runs from the latest of that and
 * the deploy.
 */
export function clusterIdleMs(s: SubmissionListing, nowMs: number): number | null {
  if (!s.cluster || s.tornDownAt !== undefined) return null;
  if (s.claim && s.claim.expiresAtMs > nowMs) return null;
  return nowMs - Math.max(s.updatedAt, s.cluster.deployedAtMs);
}

/**
 * A submission no step moved for this long, with no live claim, is one the judge lost (a
 * dead letter whose own step failed, a lost message): the longest a live step leaves it
 * unchanged is Cloud Build's 15 minutes; a running scenario renews its claim every few
 * seconds; five deliveries with back-offs of at most 10 minutes end within the hour.
 */
export const STUCK_LIMIT_MS = 2 * 60 * 60_000;

/** The statuses a step still has to move a submission out of. */
const STATUSES_IN_PROGRESS = STATUSES.filter((s) => !isTerminal(s));

export const handleSweep: StepHandler<SweepEvent> = async (_event, ports) => {
  const now = ports.nowMs();
  const candidates = await ports.store.list({ statuses: STATUSES_WITH_CLUSTER });
  const next: NextEvent[] = [];
  for (const s of candidates) {
    const idleMs = clusterIdleMs(s, now);
    if (idleMs === null || idleMs < IDLE_LIMIT_MS) continue;
    next.push(nextEvent.teardown(s.id, TEARDOWN_REASONS.idle(idleMs)));
  }
  for (const s of await ports.store.list({ statuses: STATUSES_IN_PROGRESS })) {
    const unmovedMs = now - s.updatedAt;
    if (unmovedMs < STUCK_LIMIT_MS || (s.claim && s.claim.expiresAtMs > now)) continue;
    const given = await failLostSubmission(ports, s.id, GIVING_UP.stuck(s.status, unmovedMs));
    // Asked for once: an idle teardown above may ask for this one's cluster already.
    for (const e of given) if (!next.some((n) => n.event.submissionId === s.id)) next.push(e);
  }
  return next;
};
