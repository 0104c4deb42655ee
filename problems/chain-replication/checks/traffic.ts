// Reading the chain's peer traffic as the agents recorded it: which calls reached their
// callee, which answers their caller heard, the decoded fields, and one line per message.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";

export const FORWARD = "/chain.ChainNode/Forward";
export const ACK = "/chain.ChainNode/Ack";
export const TRANSFER = "/chain.ChainNode/Transfer";

/**
 * Slack between times taken by different agents (or by an agent and the judge): one
 * machine's processes locally, different machines in the cloud.
 */
export const CLOCK_SLACK_MS = 250;

const NEVER_RECEIVED = new Set(["blackhole", "refuse", "drop"]);

export const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** The call may have reached the callee: no fault the agent applied kept it away. */
export const mayHaveReached = (m: MessageRecord): boolean =>
  !m.fault || !NEVER_RECEIVED.has(m.fault);

/** The caller heard this answer: recorded, status OK, and the agent did not discard it. */
export const heard = (m: MessageRecord): boolean =>
  m.status === 0 && m.response !== undefined && m.fault !== "lose-answer" && m.endMs !== null;

/** The peer status of a recorded answer ("ACCEPTED", "GAP", ...), or null. */
export function peerStatus(m: MessageRecord): string | null {
  if (m.status !== 0 || !m.response) return null;
  const s = m.response["status"];
  return typeof s === "string" ? s : null;
}

export const epochOf = (m: MessageRecord): number | null => num(m.request?.["epoch"]);

/** The seq an update-carrying call brings its callee up to: Forward's seq, Transfer's last_seq. */
export function broughtUpTo(m: MessageRecord): number | null {
  if (m.method === FORWARD) return num(m.request?.["seq"]);
  if (m.method === TRANSFER) return num(m.request?.["last_seq"]);
  return null;
}

/**
 * The call may have given its callee the updates it carries: it may have reached it, and
 * no recorded answer says the callee refused it.
 */
export function mayHaveApplied(m: MessageRecord): boolean {
  if (!mayHaveReached(m)) return false;
  const status = peerStatus(m);
  return status === null || status === "ACCEPTED";
}

export const methodName = (m: MessageRecord): string =>
  m.method.slice(m.method.lastIndexOf("/") + 1);

export function describeMessage(m: MessageRecord, originMs: number): string {
  const at = ((m.startMs - originMs) / 1000).toFixed(3);
  const fields = (o: Record<string, unknown> | undefined): string =>
    o
      ? Object.entries(o)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(" ")
      : "";
  const reply = m.response
    ? ` → ${fields(m.response)}`
    : m.fault
      ? ` → (${m.fault})`
      : m.status === null
        ? " → (no answer)"
        : ` → (status ${m.status})`;
  const fault = m.response && m.fault ? ` [${m.fault}]` : "";
  return `${at} s ${m.from} → ${m.to} ${methodName(m)} ${fields(m.request)}${reply}${fault}`;
}
