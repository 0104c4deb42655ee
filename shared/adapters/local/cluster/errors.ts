// Why a local deploy failed, with the failing node's own log for the user.
export class ClusterDeployError extends Error {
  constructor(
    message: string,
    readonly clusterId: string,
    /** The node that failed, or null when the cluster itself could not be set up. */
    readonly nodeId: string | null,
    /** The node's log (and its agent's), last lines first to last. */
    readonly log: string,
    options?: { cause?: unknown },
  ) {
    super(log ? `${message}\n--- ${nodeId ?? "cluster"} log ---\n${log}` : message, options);
    this.name = "ClusterDeployError";
  }
}
