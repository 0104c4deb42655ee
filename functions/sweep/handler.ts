// sweep: on a scheduler's tick, asks for the teardown of every cluster left idle, with the
// reason ("idle for 31 min") in the event; teardown keeps it on the submission. Safe to repeat: a tick before the teardown ran
// asks again, which teardown ignores once the cluster is down; after that none is asked.
import { nextEvent, type NextEvent, type SweepEvent } from "../../shared/domain/events.ts";
import type { SubmissionStatus } from "../../shared/domain/status.ts";
import type { SubmissionListing } from "../../shared/domain/listing.ts";
import { TEARDOWN_REASONS } from "../../shared/domain/teardown.ts";
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

export const handleSweep: StepHandler<SweepEvent> = async (_event, ports) => {
  const now = ports.nowMs();
  const candidates = await ports.store.list({ statuses: STATUSES_WITH_CLUSTER });
  const next: NextEvent[] = [];
  for (const s of candidates) {
    const idleMs = clusterIdleMs(s, now);
    if (idleMs === null || idleMs < IDLE_LIMIT_MS) continue;
    next.push(nextEvent.teardown(s.id, TEARDOWN_REASONS.idle(idleMs)));
  }
  return next;
};
