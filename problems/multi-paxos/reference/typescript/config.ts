// The node contract's environment, and every timing and size limit of this node with its reason.

/**
 * A follower that heard no leader for a wait drawn from this range runs phase 1: wide enough
 * that two nodes rarely time out together, and at least 4 heartbeat intervals, so links that
 * drop one call in ten rarely lose every heartbeat of a wait (each spurious phase 1 deposes a
 * working leader). A lost leader is still replaced well within the statement's 5 s.
 */
export const electionTimeoutMsMin = 400;
export const electionTimeoutMsMax = 800;
/** After each refused phase 1 the wait grows by one more range, up to this many: no duels. */
export const refusalBackoffMax = 3;
/** A fresh node-0 (no promise ever made) runs phase 1 this early so a new cluster leads fast. */
export const firstElectionMsNode0 = 150;
/** A leader sends each other node a Heartbeat this often: 10/s, the statement asks 2–20/s. */
export const heartbeatIntervalMs = 100;
/** Heartbeats open at once to one node: they pile up only behind a black hole. */
export const heartbeatsInflightMax = 4;
/** Peer calls give up after these; a black-holed call must not hold anything forever. */
export const prepareDeadlineMs = 300;
export const acceptDeadlineMs = 300;
export const heartbeatDeadlineMs = 300;
export const learnDeadlineMs = 500;
/** An Accept unanswered this long is probably lost: the leader sends it again. */
export const acceptResendMs = 150;
/** Learns sent at once to catch up one lagging node, per heartbeat answer that shows the lag. */
export const catchUpLearnsMax = 200;
/** A client operation not applied by then is answered UNAVAILABLE: the client's deadline is 1 s. */
export const clientAnswerMsMax = 800;
/** The answer leaves this much before the client's own deadline, for the trip back. */
export const clientDeadlineMarginMs = 100;
/** A leader that heard from no majority for this long stops leading (nothing can be chosen). */
export const stepDownAfterMs = 1500;
/**
 * gRPC's 4 MiB default could not carry a promise reporting every slot of a long log to a
 * proposer that is far behind (about 100 bytes a slot, up to 100,000 slots).
 */
export const messageBytesMax = 64 * 1024 * 1024;

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

/** The N of "node-N": the node part of every ballot this node uses. */
export function nodeNumber(nodeId: string): number {
  const match = /^node-(\d+)$/.exec(nodeId);
  if (!match) throw new Error(`NODE_ID "${nodeId}" is not node-N`);
  return Number(match[1]);
}
