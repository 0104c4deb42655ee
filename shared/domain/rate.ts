// A rate limit's sliding window, pure so every store adapter decides alike: the times
// admitted within the window are kept, and one more is admitted while there are fewer than
// the rule's limit.

/** At most `limit` admissions in any `windowMs`. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

export type Admission =
  | { admitted: true }
  /** Refused and not counted: enough of the counted leave the window in `retryAfterMs`. */
  | { admitted: false; retryAfterMs: number };

export interface RateDecision {
  admission: Admission;
  /** The times to store for the key: the window's, with `nowMs` when it was admitted. */
  times: number[];
}

export function decideAdmission(stored: number[], rule: RateRule, nowMs: number): RateDecision {
  const since = nowMs - rule.windowMs;
  // Times after now stay counted: another instance's clock may run a little ahead.
  const times = stored.filter((t) => t > since).sort((a, b) => a - b);
  if (times.length < rule.limit) {
    return { admission: { admitted: true }, times: [...times, nowMs] };
  }
  // One more fits once this one has left the window (and every one before it).
  const leaving = times[times.length - rule.limit] ?? nowMs;
  const retryAfterMs = Math.max(1, leaving + rule.windowMs - nowMs);
  return { admission: { admitted: false, retryAfterMs }, times };
}
