// What the checks read of the peer traffic the agents recorded: each Prepare with the vote the
// coordinator heard, each Decide the coordinator sent, each query a participant got answered.
// A call the agent black-holed, refused or dropped never reached the callee; a lost answer
// reached it, but the caller never heard (MessageRecord.fault).
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";

const UNDELIVERED = new Set(["blackhole", "refuse", "drop"]);

const named = (m: MessageRecord, method: string) => m.method.endsWith(`/${method}`);
const txnOf = (m: MessageRecord) => Number(m.request?.["txn_id"] ?? 0);

/** The callee received the call. */
export const delivered = (m: MessageRecord) => m.fault === undefined || !UNDELIVERED.has(m.fault);
/** The caller heard an OK answer. */
export const heard = (m: MessageRecord) =>
  m.status === 0 && delivered(m) && m.fault !== "lose-answer" && m.endMs !== null;

export interface VoteSeen {
  txn: number;
  participant: string;
  vote: string;
  /** The Prepare's start and the answer's end, as the agent timed them. */
  startMs: number;
  endMs: number;
  /** The coordinator heard it (else the participant voted, the coordinator never knew). */
  heard: boolean;
}

/** Every Prepare a participant answered OK (heard by the coordinator or not), by start. */
export function votesOf(messages: Messages): VoteSeen[] {
  return messages
    .filter((m) => named(m, "Prepare") && m.status === 0 && delivered(m) && m.endMs !== null)
    .map((m) => ({
      txn: txnOf(m),
      participant: m.to,
      vote: String(m.response?.["vote"] ?? ""),
      startMs: m.startMs,
      endMs: m.endMs ?? m.startMs,
      heard: heard(m),
    }));
}

/** The first Prepare sent for each transaction, answered or not: when it began. */
export function firstPrepares(messages: Messages): Map<number, number> {
  const first = new Map<number, number>();
  for (const m of messages)
    if (named(m, "Prepare") && !first.has(txnOf(m))) first.set(txnOf(m), m.startMs);
  return first;
}

export interface DecisionSeen {
  txn: number;
  /** The participant told (a Decide), or the participant asking (a QueryDecision). */
  participant: string;
  decision: string;
  atMs: number;
  /** The participant received it: a Decide delivered, or a query answer it heard. */
  received: boolean;
  via: "Decide" | "QueryDecision";
}

/** Every decision the coordinator sent: its Decide calls and its answers to queries. */
export function decisionsOf(messages: Messages): DecisionSeen[] {
  const seen: DecisionSeen[] = [];
  for (const m of messages) {
    if (named(m, "Decide"))
      seen.push({
        txn: txnOf(m),
        participant: m.to,
        decision: String(m.request?.["decision"] ?? ""),
        atMs: m.startMs,
        received: delivered(m),
        via: "Decide",
      });
    const answer = String(m.response?.["decision"] ?? "");
    if (named(m, "QueryDecision") && m.status === 0 && (answer === "COMMIT" || answer === "ABORT"))
      seen.push({
        txn: txnOf(m),
        participant: m.from,
        decision: answer,
        atMs: m.endMs ?? m.startMs,
        received: heard(m),
        via: "QueryDecision",
      });
  }
  return seen;
}

/** "txn 12: Decide COMMIT → node-1 at 3.2 s" lines for a violation's excerpt. */
export function describeMessage(m: MessageRecord, originMs: number): string {
  const at = ((m.startMs - originMs) / 1000).toFixed(3);
  const req = JSON.stringify(m.request ?? {});
  const res = JSON.stringify(m.response ?? {});
  return `${at} s ${m.from} → ${m.to} ${m.method.split("/").pop()} ${req} → ${res} status ${m.status ?? "none"}${m.fault ? ` (${m.fault})` : ""}`;
}
