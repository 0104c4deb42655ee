// The submission state machine: which status may follow which. Pure; the store refuses any
// write that breaks this table, whatever adapter it is.

export const STATUSES = [
  "queued",
  "building",
  "deploying",
  "testing",
  "completed",
  "build_failed",
  "deploy_failed",
  "failed",
] as const;
export type SubmissionStatus = (typeof STATUSES)[number];

/**
 * The legal next statuses of each status. `failed` is the pipeline's own failure (a step
 * that kept failing until its message became a dead letter), reachable from every stage;
 * build_failed and deploy_failed are the submission's failures, with the cause for the user.
 */
export const TRANSITIONS: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  queued: ["building", "failed"],
  building: ["deploying", "build_failed", "failed"],
  deploying: ["testing", "deploy_failed", "failed"],
  testing: ["completed", "failed"],
  completed: [],
  build_failed: [],
  deploy_failed: [],
  failed: [],
};

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(status: SubmissionStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly submissionId: string,
    readonly from: SubmissionStatus,
    readonly to: SubmissionStatus,
  ) {
    super(`submission ${submissionId}: ${from} → ${to} is not a legal transition`);
    this.name = "IllegalTransitionError";
  }
}

export function assertTransition(
  submissionId: string,
  from: SubmissionStatus,
  to: SubmissionStatus,
): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(submissionId, from, to);
}
