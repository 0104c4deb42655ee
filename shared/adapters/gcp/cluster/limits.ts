// Every limit of the Cloud Run cluster in one place, each with its unit and reason.

export const CLOUD_RUN_LIMITS = {
  /** Cloud Run's service ids: at most 49 characters (letters, digits, '-'). */
  serviceNameCharsMax: 49,
  /** Nodes in one cluster: the problems need 3 to 5; each is a billed instance. */
  nodesMax: 9,
  /** The node contract's limits per node, the same as locally (agent included). */
  cpu: "1",
  memory: "512Mi",
  /** The container port Cloud Run routes to: the agent's ingress (clients, peers, control). */
  ingressPort: 8080,
  /** Inside the container: where the node listens, and the first of its per-peer egress ports. */
  nodePort: 7000,
  egressPortBase: 7100,
  /** One instance serves every call of the cluster; gRPC needs many concurrent streams. */
  requestConcurrencyMax: 1000,
  /** Cloud Run's request timeout: long enough for a scenario's longest call. */
  requestTimeoutS: 300,
  /** Node ready after its service is: the node contract's 15 s plus a cold image pull. */
  nodeReadyTimeoutMs: 90_000,
  /** Between two health checks through an agent while its node starts. */
  readyPollIntervalMs: 1_000,
  /** Calls that Cloud Run answers UNAVAILABLE are tried this many times in all. */
  unavailableAttemptsMax: 5,
  /** First wait before trying an UNAVAILABLE call again; doubles each time. */
  unavailableRetryDelayMs: 500,
  /** Lines of a node's log attached to a failed deploy. */
  deployErrorLogLines: 60,
  /** A control call through Cloud Run's front end (kill waits for the node to be reaped). */
  controlTimeoutMs: 20_000,
  /** Random bytes of each cluster's control token (base64url in the agents' config). */
  controlTokenBytes: 24,
} as const;
