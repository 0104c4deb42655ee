// The node contract's environment, and every timing limit of this node with its reason.

/**
 * A peer call unanswered this long is given up and sent again (the statement allows at most
 * 500 ms). Local calls through the agents take a few ms and lossy links delay by at most
 * ~50 ms, so 250 ms is a lost call, not a slow one; a shorter wait would resend calls that a
 * busy 2-core machine merely answers late (harmless, but traffic for nothing).
 */
export const peerCallDeadlineMs = 250;
/**
 * Pause before resending a call that failed without an answer: a killed successor refuses at
 * once, and without a pause the link would spin until the judge's Configure removes it.
 */
export const retryPauseMs = 20;
/** A peer in an older epoch is being configured by the judge: ask again soon (≤ 100 ms). */
export const wrongEpochPauseMs = 50;
/**
 * The head waits this long for the tail's Ack before answering a write UNAVAILABLE (the
 * statement's bound): long enough for a few resends on a lossy link, short of the client's
 * deadline so the client hears an answer rather than its own timeout.
 */
export const ackWaitMsMax = 1500;
/** The answer leaves this much before the client's own deadline, for the trip back. */
export const clientDeadlineMarginMs = 100;

export interface NodeEnv {
  nodeId: string;
  clusterSize: number;
  listenAddr: string;
  /** Every other node's id and the address to dial it at. */
  peers: Map<string, string>;
  dataDir: string;
}

export function readEnv(env: NodeJS.ProcessEnv): NodeEnv {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`environment variable ${name} is not set`);
    return value;
  };
  const peers = new Map<string, string>();
  // A one-node cluster has no peers, so PEERS may be empty.
  for (const item of (env.PEERS ?? "").split(",").filter(Boolean)) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new Error(`PEERS entry "${item}" is not id=host:port`);
    peers.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return {
    nodeId: need("NODE_ID"),
    clusterSize: Number(need("CLUSTER_SIZE")),
    listenAddr: need("LISTEN_ADDR"),
    peers,
    dataDir: need("DATA_DIR"),
  };
}
