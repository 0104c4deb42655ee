// Why the Cloud Build builder could not start a build: the platform's fault (a refused API
// call, an upload that failed), never the user's; the submit step is retried.

export class CloudBuildError extends Error {
  constructor(
    message: string,
    /** What was being done: "upload", "list", "create". */
    readonly operation: string,
    readonly submissionId: string,
    /** The gRPC status code (or HTTP status for the upload), or null when none. */
    readonly code: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CloudBuildError";
  }
}

const PERMISSION_DENIED = 7;

export function cloudBuildError(
  operation: string,
  submissionId: string,
  err: unknown,
  neededRole: string,
): CloudBuildError {
  const raw = (err as { code?: unknown } | null)?.code;
  const code = typeof raw === "number" ? raw : null;
  const denied = code === PERMISSION_DENIED || code === 403;
  const hint = denied ? ` (the caller's service account needs ${neededRole})` : "";
  return new CloudBuildError(
    `Cloud Build ${operation} for submission ${submissionId} failed: ${(err as Error)?.message ?? String(err)}${hint}`,
    operation,
    submissionId,
    code,
    { cause: err },
  );
}
