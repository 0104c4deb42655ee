// Exponential back-off between delivery attempts: base, 2×base, 4×base… up to a cap, so a
// step failing on a passing cause (a port in use, a busy machine) gets time to recover.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** The wait after the `attempt`-th failed delivery (1-based). */
export function backoffMs(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}
