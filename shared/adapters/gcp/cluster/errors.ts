// Why the Cloud Run cluster failed: a node that did not become ready (with its log, for the
// user), or a Cloud Run API call that was refused (for the operator).

/** gRPC status codes the adapter acts on (google-gax errors carry them as `code`). */
export const GRPC_CODE = {
  alreadyExists: 6,
  permissionDenied: 7,
  notFound: 5,
  unavailable: 14,
  unauthenticated: 16,
} as const;

export class CloudRunDeployError extends Error {
  constructor(
    message: string,
    readonly clusterId: string,
    /** The node that failed, or null when the cluster itself could not be set up. */
    readonly nodeId: string | null,
    /** The node's log as its agent kept it, oldest first; read by the deploy step. */
    readonly log: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CloudRunDeployError";
  }
}

/** A Cloud Run Admin API call failed for a reason no retry fixes (permissions, quota, ...). */
export class CloudRunApiError extends Error {
  constructor(
    message: string,
    /** What was asked: "create", "update", "get", "delete", "setIamPolicy". */
    readonly operation: string,
    /** The service's full name. */
    readonly service: string,
    /** The gRPC status code, or null when the error had none. */
    readonly code: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CloudRunApiError";
  }
}

export function grpcCode(err: unknown): number | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : null;
}

/** The error of a failed API call, saying what to fix when it is a permission. */
export function apiError(operation: string, service: string, err: unknown): CloudRunApiError {
  const code = grpcCode(err);
  const detail = (err as Error)?.message ?? String(err);
  const hint =
    code === GRPC_CODE.permissionDenied || code === GRPC_CODE.unauthenticated
      ? " (the caller's service account needs roles/run.admin, which sets the services' invokers, and roles/iam.serviceAccountUser on the nodes' account)"
      : "";
  return new CloudRunApiError(
    `Cloud Run ${operation} ${service} failed: ${detail}${hint}`,
    operation,
    service,
    code,
    { cause: err },
  );
}
