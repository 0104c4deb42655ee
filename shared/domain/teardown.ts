// Why a submission's cluster is torn down: the reason its teardown event carries and the
// submission keeps (`tornDownReason`), in words the run view shows as they are. Every path
// that asks for a teardown takes its reason from here.
const MINUTE_MS = 60_000;

export const TEARDOWN_REASONS = {
  /** Every scenario has its verdict: the cluster has done its job. */
  afterVerdict: "after the verdict",
  deployFailed: "the deploy failed",
  /** A step's message failed every delivery: the submission failed. */
  judgeFailed: "the judge failed",
  requested: "requested by the user",
  /** The sweep found nobody had used the cluster for `idleMs`. */
  idle: (idleMs: number) => `idle for ${Math.floor(idleMs / MINUTE_MS)} min`,
} as const;
