// What the checks read from the agents' decoded message log: ballots, slots and commands,
// which calls reached their callee, and which answers came back. Never the nodes' word
// about anything but their own answers.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";

export const PREPARE = "/multipaxos.PaxosNode/Prepare";
export const ACCEPT = "/multipaxos.PaxosNode/Accept";
export const LEARN = "/multipaxos.PaxosNode/Learn";
export const HEARTBEAT = "/multipaxos.PaxosNode/Heartbeat";
export const CLIENT_REQUEST = "/multipaxos.PaxosNode/ClientRequest";

/** Slack for clock reads taken by different agents (different machines in the cloud). */
export const CLOCK_SLACK_MS = 250;

/** A ballot (round, node number); rounds start at 1, so (0, 0) is "none". */
export interface Ballot {
  round: number;
  node: number;
}

export const NO_BALLOT: Ballot = { round: 0, node: 0 };

export function compareBallots(a: Ballot, b: Ballot): number {
  return a.round !== b.round ? a.round - b.round : a.node - b.node;
}

export const showBallot = (b: Ballot): string => `(${b.round}, ${b.node})`;

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** A ballot from `prefix`_round and `prefix`_node of decoded fields, or null. */
function ballotFrom(
  fields: Record<string, unknown> | undefined,
  prefix: "ballot" | "promised",
): Ballot | null {
  const round = num(fields?.[`${prefix}_round`]);
  const node = num(fields?.[`${prefix}_node`]);
  return round === null || node === null ? null : { round, node };
}

/** The ballot a Prepare, Accept or Heartbeat request carries. */
export const requestBallot = (m: MessageRecord): Ballot | null => ballotFrom(m.request, "ballot");

/** The promised ballot a Prepare, Accept or Heartbeat answer reports. */
export const answeredPromise = (m: MessageRecord): Ballot | null =>
  ballotFrom(m.response, "promised");

export const slotOf = (m: MessageRecord): number | null => num(m.request?.["slot"]);

/**
 * The command an Accept or Learn carries, as one comparable string, or null when it was
 * not decoded. Two proposals carry the same value exactly when these are equal.
 */
export function commandOf(m: MessageRecord): string | null {
  const r = m.request;
  if (!r || typeof r["op"] !== "string") return null;
  return JSON.stringify([r["client_id"], r["sequence"], r["op"], r["key"], r["value"]]);
}

/** For messages: "PUT k0 \"v\" (c1 #4)", or "NOOP". */
export function describeCommand(m: MessageRecord): string {
  const r = m.request ?? {};
  if (r["op"] === "NOOP") return "NOOP";
  const value = r["op"] === "GET" ? "" : ` ${JSON.stringify(r["value"])}`;
  return `${String(r["op"])} ${String(r["key"])}${value} (${String(r["client_id"])} #${String(r["sequence"])})`;
}

/**
 * Whether the call reached the callee. Black-holed, refused and dropped calls never did;
 * delayed ones did, and so did one whose answer was lost (the callee acted on it).
 */
export function reachedCallee(m: MessageRecord): boolean {
  return m.fault !== "blackhole" && m.fault !== "refuse" && m.fault !== "drop";
}

/**
 * Whether the callee's answer came back through the caller's agent, decoded: only then is
 * what it says known. A lost answer (its fault) or a failed call has none.
 */
export function answered(m: MessageRecord): m is MessageRecord & {
  response: Record<string, unknown>;
  endMs: number;
} {
  return (
    reachedCallee(m) &&
    m.fault !== "lose-answer" &&
    m.status === 0 &&
    m.endMs !== null &&
    m.response !== undefined
  );
}

/** The N of a node id "node-N", or null for anything else. */
export function nodeNumber(id: string): number | null {
  const match = /^node-(\d+)$/.exec(id);
  return match ? Number(match[1]) : null;
}

/** The smallest number of nodes that is a majority of `nodeCount`. */
export const majority = (nodeCount: number): number => Math.floor(nodeCount / 2) + 1;

export function describeMessage(m: MessageRecord, originMs: number): string {
  const at = ((m.startMs - originMs) / 1000).toFixed(3);
  const method = m.method.slice(m.method.lastIndexOf("/") + 1);
  const fields = (o: Record<string, unknown> | undefined): string =>
    o
      ? Object.entries(o)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(" ")
      : "";
  const fault = m.fault ? ` [${m.fault}]` : "";
  const reply = m.response
    ? ` → ${fields(m.response)}`
    : m.status === null
      ? " → (no answer)"
      : ` → status ${m.status}`;
  return `${at} s ${m.from} → ${m.to} ${method} ${fields(m.request)}${fault}${reply}`;
}

/** The traffic part of a run that every check here reads. */
export interface PaxosTraffic {
  messages: Messages;
  nodes: string[];
  originMs: number;
  /** Old messages the agents discarded: a missing justification may be among them. */
  messagesDropped: number;
}
