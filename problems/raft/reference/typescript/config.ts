// The node contract's environment, and every timing and size limit of this node with its reason.

/**
 * Election timeouts are drawn uniformly from this range: wide enough to break most ties even
 * when a loaded machine delays a new leader's first heartbeat by tens of milliseconds.
 */
export const electionTimeoutMsMin = 400;
export const electionTimeoutMsMax = 800;
/** A fresh node-0 (empty log, term 0) campaigns this early so a new cluster has a leader fast. */
export const firstElectionMsNode0 = 150;
/** An idle leader sends each follower one AppendEntries this often: 10/s, the spec asks 2–20/s. */
export const heartbeatIntervalMs = 100;
/**
 * While no entry was appended for busyWindowMs (no client is waiting), two AppendEntries to one
 * follower are never closer than sendGapMsMin: at most ~16/s even while it catches up. While
 * clients wait, entries go out as soon as the previous call returns.
 */
export const sendGapMsMin = 60;
export const busyWindowMs = 300;
/** Peer calls give up after these; a black-holed call must not hold a slot forever. */
export const appendDeadlineMs = 500;
export const voteDeadlineMs = 300;
/** A call with entries unanswered this long is probably lost: the entries go again beside it. */
export const entriesResendMs = 200;
/** AppendEntries calls open at once to one follower (heartbeats pile up behind a black hole). */
export const inflightPerPeerMax = 8;
/** One AppendEntries carries at most this many entries and bytes of commands (gRPC allows 4 MiB). */
export const batchEntriesMax = 1000;
export const batchBytesMax = 512 * 1024;
/** A client operation not applied by then is answered UNAVAILABLE: the client's deadline is 1 s. */
export const clientAnswerMsMax = 800;
/** The answer leaves this much before the client's own deadline, for the trip back. */
export const clientDeadlineMarginMs = 100;
/** A leader that heard from no majority for this long steps down (it could not commit anyway). */
export const stepDownAfterMs = 1500;

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
