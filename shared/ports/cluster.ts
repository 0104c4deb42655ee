// The cluster port: deploy N nodes, each behind its chaos agent, and drive the agents.
// The local adapter runs processes on loopback; the cloud adapter runs Cloud Run services.
// Times are epoch milliseconds (fractional), on the clock of the machine that took them.

/** How to start one node of a built submission. */
export interface NodeCommand {
  argv: string[];
  /** Working directory: the build output, read-only to the node. */
  cwd: string;
  /** Extra environment beyond the node contract's (NODE_ID, PEERS, ...). */
  env?: Record<string, string>;
}

export interface ClusterSpec {
  /** Names the cluster's folders or services; the submission id. */
  clusterId: string;
  /** Problem slug ("raft"): selects the fixed proto the agents decode peer traffic with. */
  problem: string;
  nodeCount: number;
  command: NodeCommand;
  /** The problem's .proto, so agents can decode messages; absent: record sizes only. */
  protoPath?: string;
  readyTimeoutMs?: number;
}

/** What the sandbox could and could not do for this cluster, each step named. */
export interface SandboxStep {
  step: string; // "memory cgroup 512 MiB", "network namespace", "bubblewrap", ...
  applied: boolean;
  detail: string; // why not, or how
}

export interface NodeEndpoint {
  id: string; // "node-0"
  /** host:port where the judge's clients call the node (the agent's ingress). */
  clientAddress: string;
  /** Absent: plain h2c. Cloud Run: TLS, and headers (an ID token) on every call. */
  clientChannel?: ClientChannel;
  control: NodeControl;
}

export interface ClientChannel {
  tls: boolean;
  headers(): Promise<Record<string, string>>;
}

export interface ClusterHandle {
  clusterId: string;
  nodes: NodeEndpoint[];
  sandbox: SandboxStep[];
  /**
   * Set when the cluster runs with sandbox steps missing because the caller opted out
   * (`CLUSTERJUDGE_UNSAFE_NO_SANDBOX=1` or the adapter's option): how it was opted out and
   * which steps are missing. Every report must show it. Absent: every step held.
   */
  unsafeNoSandbox?: string;
}

export interface ClusterPort {
  /** Starts every node and agent; resolves when all are ready, rejects with the node's log. */
  deploy(spec: ClusterSpec): Promise<ClusterHandle>;
  /**
   * The handle of a cluster deployed earlier (by this process or, in the cloud, another
   * invocation), or null when it is gone: a judge that restarted redeploys.
   */
  attach(clusterId: string): Promise<ClusterHandle | null>;
  /** Stops everything and removes what deploy made. Safe to repeat. */
  teardown(clusterId: string): Promise<void>;
}

export type NodeState = "running" | "stopped" | "paused" | "exited" | "starting";

/** A bound of the sandbox that a node ran into: the agent records each one. */
export interface LimitHit {
  limit: "memory" | "pids" | "disk";
  /** The bound: bytes (memory; disk: the size of the file system filled) or tasks (pids). */
  bound: number;
  /** true: the node was killed for it (the OOM killer); false: a fork or a write failed. */
  killed: boolean;
  atMs: number;
  /** For people: "memory limit: node-2 was killed at 512 MiB". */
  message: string;
}

export interface NodeStatus {
  nodeId: string;
  state: NodeState;
  pid: number | null;
  starts: number;
  /** Last exit of the node process, with a named cause when a limit killed it. */
  lastExit: {
    code: number | null;
    signal: string | null;
    cause: string;
    atMs: number;
    /** The limit that ended this run: the OOM kill, or else the last one hit in the run. */
    limit?: LimitHit;
  } | null;
  skewMs: number;
  /** Every limit hit since the agent started, oldest first (bounded; absent: none known). */
  limitHits?: LimitHit[];
}

/**
 * One fault rule on one link of this agent. `link` is a peer node id (traffic this node
 * sends to that peer) or "clients" (traffic from the judge's clients into this node).
 * A rule on node-1 for link "node-2" cuts node-1 → node-2 only: asymmetric by default.
 */
export interface LinkRule {
  link: string;
  /** blackhole: nothing delivered, calls hang until their deadline; refuse: fast UNAVAILABLE. */
  partition?: "blackhole" | "refuse";
  delayMs?: number;
  jitterMs?: number;
  /** Probability in [0, 1] that a call is dropped (black-holed). */
  dropProbability?: number;
  /**
   * Probability in [0, 1] that a call is delivered but its answer is lost: the node acts on
   * it, the caller hears nothing until its deadline (and retries a call that took effect).
   */
  loseAnswerProbability?: number;
}

/** One RPC as the agent saw it, recorded once, where it entered the agent. */
export interface MessageRecord {
  seq: number;
  from: string; // node id, or "client"
  to: string; // node id
  method: string; // "/raft.ConsensusNode/AppendEntries"
  startMs: number;
  endMs: number | null;
  requestBytes: number;
  responseBytes: number;
  /** gRPC status code of the call, null while open or when it never ended. */
  status: number | null;
  /** The fault the agent applied, if any. */
  fault?: "blackhole" | "refuse" | "drop" | "delay" | "lose-answer";
  /**
   * Decoded fields (proto names, uint64 as number, bytes omitted, repeated message fields
   * replaced by `<name>_count`), when the problem's proto is known.
   */
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
}

/**
 * A scenario's messages as the checks read them, by start time: an array in tests, a file on
 * disk in a run (harness/message-file.ts), so the judge never holds a flood in memory. Each
 * pass reads them afresh; a check that needs some of them twice keeps what it needs.
 */
export interface Messages extends Iterable<MessageRecord> {
  readonly length: number;
  filter(keep: (m: MessageRecord) => boolean): MessageRecord[];
  find(match: (m: MessageRecord) => boolean): MessageRecord | undefined;
  some(match: (m: MessageRecord) => boolean): boolean;
}

export interface LogLine {
  atMs: number;
  stream: "stdout" | "stderr" | "agent";
  line: string;
}

/** A bounded buffer read: `dropped` says how many older items were discarded. */
export interface Page<T> {
  items: T[];
  dropped: number;
  /** Pass as `since` to read only what came after this page. */
  next: number;
}

/**
 * A fault that fires on a message: "when this node sends (egress) or receives (ingress)
 * RPC `method`, optionally matching decoded fields, do `action` to this node". The agent
 * acts in its own process, as close to the message as it can (docs/agent.md, "Triggers").
 */
export interface TriggerRule {
  /** Names the rule; setting a rule with an id already set replaces it (counts restart). */
  id: string;
  /** egress: a call this node made; ingress: a call this node received. */
  direction: "egress" | "ingress";
  /** egress: the peer called; ingress: the caller, a peer id or "client". Absent: any. */
  peer?: string;
  /** A full gRPC path ("/raft.ConsensusNode/AppendEntries") or a method name ("AppendEntries"). */
  method: string;
  /** Every condition given must hold; fields are read as in MessageRecord.request/response. */
  match?: {
    request?: TriggerFieldMatch;
    /** Only at the "complete" phase. */
    response?: TriggerFieldMatch;
    /** The gRPC status passed back (0: OK); only at the "complete" phase. */
    status?: number;
  };
  /**
   * start (default): the caller's whole request reached the agent (for a unary call, its
   * message and end of stream); the action runs once the request was passed on (a drop
   * instead of passing it on). complete: the callee's answer (its trailers, any status) was
   * passed back to the caller.
   */
  phase?: "start" | "complete";
  /** Fire on the nth matching call (default 1). */
  nth?: number;
  /** Fire once (default true); false: on the nth matching call and on every one after. */
  once?: boolean;
  action: TriggerAction;
}

/** A field's proto name (`<name>_count` for repeated messages) and the value it must have. */
export type TriggerFieldMatch = Record<string, TriggerCondition>;
export type TriggerValue = string | number | boolean;
/** A value: equality (enums by name). An object: every comparison given must hold. */
export type TriggerCondition =
  | TriggerValue
  | {
      eq?: TriggerValue;
      ne?: TriggerValue;
      in?: TriggerValue[];
      gt?: number;
      gte?: number;
      lt?: number;
      lte?: number;
    };

export type TriggerAction =
  /** SIGKILL the node (as NodeControl.kill); no call it starts after this leaves. */
  | { kind: "kill" }
  /** SIGSTOP the node; with forMs, SIGCONT it after that long. */
  | { kind: "pause"; forMs?: number }
  /**
   * Black-hole this node's links both ways (calls it makes to the peer and calls the peer
   * makes to it, as seen by this agent): every peer, or those listed (peer ids, "clients");
   * with forMs, for that long. Not a LinkRule: setLinks does not lift it, clearTriggers does.
   */
  | { kind: "cut"; links?: string[]; forMs?: number }
  /** This call is not passed on (phase "start" only): a black hole (default) or UNAVAILABLE. */
  | { kind: "drop"; as?: "blackhole" | "unavailable" };

/** A rule as the agent holds it: defaults filled in, with how often it matched and fired. */
export interface TriggerStatus extends TriggerRule {
  phase: "start" | "complete";
  nth: number;
  once: boolean;
  /** Calls that matched so far. */
  matches: number;
  fired: number;
  /** When it fired (epoch ms), the latest 100. */
  firedAtMs: number[];
  /** A once rule that fired: it matches nothing more. */
  spent: boolean;
}

/** A cut in force, made by a trigger. */
export interface TriggerCut {
  link: string;
  ruleId: string;
  /** When it heals (epoch ms), or null: until clearTriggers. */
  untilMs: number | null;
}

export interface TriggerState {
  rules: TriggerStatus[];
  cuts: TriggerCut[];
}

/** One firing of a trigger, in the agent's firing log. */
export interface TriggerFiring {
  atMs: number;
  ruleId: string;
  action: TriggerAction["kind"];
  /** The call it fired on. */
  method: string;
  from: string; // node id, or "client"
  to: string; // node id
  /**
   * The call's seq in this agent's message log once the call ended; null while it is open,
   * and for a call from a peer (the peer's agent records it).
   */
  seq: number | null;
  /** Set when the action could not be done as asked: "the node was not running". */
  detail?: string;
}

/** The control API of one node's chaos agent. */
export interface NodeControl {
  status(): Promise<NodeStatus>;
  /** SIGKILL the node; it stays down until start(). */
  kill(): Promise<void>;
  /** Start the node again with the same DATA_DIR, optionally with its clock skewed. */
  start(opts?: { skewMs?: number }): Promise<void>;
  /** Empty DATA_DIR; only while the node is stopped. */
  wipe(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Replace every link rule of this agent. */
  setLinks(rules: LinkRule[]): Promise<void>;
  messages(opts?: { since?: number }): Promise<Page<MessageRecord>>;
  /** RPC counts per method since the last clear. */
  counters(): Promise<Record<string, number>>;
  logs(opts?: { since?: number }): Promise<Page<LogLine>>;
  /** Clear the message log, counters and firing log (not the node's log). */
  clear(): Promise<void>;
  /** Add a trigger rule, or replace the one with the same id. */
  setTrigger(rule: TriggerRule): Promise<void>;
  /** Remove every trigger rule, lift their cuts, cancel their pending resumes. */
  clearTriggers(): Promise<void>;
  /** The rules with their counts, and the cuts in force. */
  triggers(): Promise<TriggerState>;
  /** The firing log, oldest first; page with `since = page.next`. */
  firings(opts?: { since?: number }): Promise<Page<TriggerFiring>>;
}
