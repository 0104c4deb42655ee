// What one agent needs to know, from one JSON document: `--config FILE`, `--config-json JSON`,
// or the CLUSTERJUDGE_AGENT_CONFIG environment variable (for a container's entrypoint).
import { readFileSync } from "node:fs";
import { z } from "zod";

/** The environment variable a container's entrypoint reads its config from. */
export const AGENT_CONFIG_ENV = "CLUSTERJUDGE_AGENT_CONFIG";

const port = z.number().int().min(0).max(65535);
const hostPort = z.object({ host: z.string().min(1), port });

const peerSchema = z.object({
  /** The peer's node id ("node-3"). */
  id: z.string().min(1),
  /** Loopback port of this agent's egress listener for that peer (the node dials it). */
  egressPort: port,
  /**
   * The peer's agent: "host:port" of its TCP ingress (calls carry FROM_HEADER), or
   * "unix:/path" of the socket it keeps for calls from this node alone (it knows the
   * caller by the socket; no header is sent or trusted).
   */
  agentAddress: z.string().min(1),
  /** Dial the peer's agent over TLS (a Cloud Run URL's port 443), not plain h2c. */
  tls: z.boolean().default(false),
  /** Send each call with an ID token for this audience (the peer's service URL). */
  idTokenAudience: z.string().optional(),
});

const sandboxSchema = z.object({
  /** cgroup.procs files the node's process joins before it runs (one per v1 controller). */
  cgroupProcsFiles: z.array(z.string()).default([]),
  /** How the cgroup folders below read their events (memory.oom_control or memory.events). */
  cgroupVersion: z.union([z.literal(1), z.literal(2)]).default(1),
  /** The node's memory cgroup folder, to tell an out-of-memory kill from other deaths. */
  memoryCgroupDir: z.string().optional(),
  memoryLimitBytes: z.number().int().positive().optional(),
  /** The node's pids cgroup folder: pids.events counts forks refused at the limit. */
  pidsCgroupDir: z.string().optional(),
  pidsLimit: z.number().int().positive().optional(),
  /** DATA_DIR's size (its own file system): a full DATA_DIR is recorded as a limit hit. */
  dataDirLimitBytes: z.number().int().positive().optional(),
  /** argv put before the node's command (setpriv, bwrap ...), ending with its "--". */
  prefix: z.array(z.string()).default([]),
  /**
   * A seccomp program (struct sock_filter[], base64) written into a pipe that the node's
   * first process gets as fd 3: the prefix's `bwrap --seccomp 3` loads it.
   */
  seccompFd3: z.string().optional(),
});

export const agentConfigSchema = z.object({
  nodeId: z.string().min(1),
  clusterSize: z.number().int().positive(),
  /**
   * TCP listener for clients and peer agents (those mark their calls with FROM_HEADER).
   * Port 0 picks a free one (reported on stdout). Absent: no TCP ingress (local clusters:
   * a node shares its agent's network namespace and must find nothing there but egress).
   */
  ingress: hostPort.optional(),
  /** Listener on a unix socket for the control API and client calls (full proxy). */
  ingressSocket: z.string().optional(),
  /** Listener on a unix socket for client calls only (fast path when the link is clean). */
  clientSocket: z.string().optional(),
  /**
   * Per peer id, a unix socket only that peer's agent dials: a call arriving there comes
   * from that peer by construction (already recorded and faulted at its egress).
   */
  peerSockets: z.record(z.string(), z.string()).default({}),
  /** Serve /_agent/v1/ on the TCP ingress too; off when only the socket may control. */
  controlOnTcp: z.boolean().default(true),
  /** When set, every control call must carry it (protocol.ts CONTROL_TOKEN_HEADER). */
  controlToken: z.string().min(16).optional(),
  /** Where the node serves (its LISTEN_ADDR). */
  node: hostPort,
  peers: z.array(peerSchema),
  command: z.object({
    argv: z.array(z.string()).min(1),
    cwd: z.string(),
    env: z.record(z.string(), z.string()).default({}),
  }),
  dataDir: z.string().min(1),
  /** The problem's proto, to decode recorded messages; absent: sizes only. */
  protoPath: z.string().optional(),
  /** The judge's pid: when it dies, the agent kills its node and exits. */
  parentPid: z.number().int().positive().optional(),
  /** Start the node as soon as the agent listens. */
  autoStart: z.boolean().default(true),
  /** A file the agent writes the node's pid (= its process group) to at each start. */
  nodePidFile: z.string().optional(),
  /** faketime binary for clock skew; absent: looked up on PATH. */
  faketimePath: z.string().optional(),
  sandbox: sandboxSchema.default({ cgroupProcsFiles: [], cgroupVersion: 1, prefix: [] }),
});

export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type AgentConfigInput = z.input<typeof agentConfigSchema>;
export type PeerConfig = z.infer<typeof peerSchema>;

export class AgentConfigError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(`agent config (${source}): ${message}`);
    this.name = "AgentConfigError";
  }
}

export function parseAgentConfig(json: string, source: string): AgentConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new AgentConfigError(`not JSON: ${(err as Error).message}`, source);
  }
  const parsed = agentConfigSchema.safeParse(raw);
  if (!parsed.success) throw new AgentConfigError(z.prettifyError(parsed.error), source);
  return parsed.data;
}

/** Reads the config from the command line (or the environment when no flag is given). */
export function agentConfigFromArgs(args: string[], env: NodeJS.ProcessEnv): AgentConfig {
  const flag = args[0];
  const value = args[1];
  if (flag === "--config" && value) return parseAgentConfig(readFileSync(value, "utf8"), value);
  if (flag === "--config-json" && value) return parseAgentConfig(value, "--config-json");
  const fromEnv = env[AGENT_CONFIG_ENV];
  if (fromEnv) return parseAgentConfig(fromEnv, AGENT_CONFIG_ENV);
  throw new AgentConfigError(
    "usage: agent --config FILE | --config-json JSON (or CLUSTERJUDGE_AGENT_CONFIG)",
    "command line",
  );
}
