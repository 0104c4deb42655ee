// The local cluster's bounds, each with its unit and reason. The node limits are the node
// contract's (the same as one Cloud Run instance).

/** Memory per node: the node contract's 512 MiB. */
export const NODE_MEMORY_BYTES = 512 * 2 ** 20;
/** CPU per node: one core, as a CFS quota over its period. */
export const NODE_CPU_PERIOD_US = 100_000;
export const NODE_CPU_QUOTA_US = 100_000;
/** Tasks (processes and threads) per node: a JVM or a thread pool fits, a fork bomb does not. */
export const NODE_TASKS_MAX = 512;
/** DATA_DIR per node (a tmpfs: it counts toward the node's memory, as on Cloud Run). */
export const NODE_DATA_DIR_BYTES = 256 * 2 ** 20;
/** The node's private /tmp (a tmpfs, fresh at each start; counts toward its memory). */
export const NODE_TMP_BYTES = 64 * 2 ** 20;
/** The node's /dev/shm (a tmpfs, fresh at each start; counts toward its memory). */
export const NODE_SHM_BYTES = 16 * 2 ** 20;
/** The agent's own cgroup: its buffers are bounded (shared/agent/limits.ts), this is the backstop. */
export const AGENT_MEMORY_BYTES = 1024 * 2 ** 20;
export const AGENT_CPU_QUOTA_US = 100_000;
export const AGENT_TASKS_MAX = 256;
/**
 * Node uids: one per node, from a range no distribution hands out (above 2^31 minus a
 * margin), so a node shares its uid with no user or service of the machine.
 */
export const NODE_UID_BASE = 2_000_000_000;
/** Clusters (by key hash) spread over this many uid blocks of NODE_UIDS_PER_CLUSTER. */
export const NODE_UID_BLOCKS = 1_000_000;
export const NODE_UIDS_PER_CLUSTER = 128;
/**
 * Build tool uids (shared/toolchains/build-sandbox.ts): one per tool run, picked at random
 * from this range, above every node block and below 2^31 (some tools read uids as signed).
 */
export const BUILD_UID_BASE = NODE_UID_BASE + NODE_UID_BLOCKS * NODE_UIDS_PER_CLUSTER + 1_000_000;
export const BUILD_UIDS = 10_000_000;
/** How long a node may take to accept connections: the node contract's 15 s. */
export const NODE_READY_TIMEOUT_MS = 15_000;
/** How often deploy asks the agents whether their nodes are ready. */
export const READY_POLL_INTERVAL_MS = 50;
/** Log lines of a node shown in a deploy error. */
export const DEPLOY_ERROR_LOG_LINES = 60;
/** How long teardown waits for an agent to stop before killing it. */
export const AGENT_STOP_WAIT_MS = 3_000;
/** Ports used inside a node's own network namespace, where every port is free. */
export const NETNS_NODE_PORT_BASE = 21_000;
export const NETNS_EGRESS_PORT_BASE = 22_000;
/** Nodes one cluster may have (the port plan leaves 100 egress ports per node). */
export const CLUSTER_NODES_MAX = 99;
