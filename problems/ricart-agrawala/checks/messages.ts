// Exactly 2(N−1) messages per entry: N−1 Requests out and N−1 Replies back, as logical
// messages (deduplicated by method, sender, receiver and timestamp); one request per
// acquire; no Reply to a request never received; and, with no fault in force, no resend
// of a call the agent saw answered at once (statement.md).
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";
import type { MutexOp } from "../client.ts";
import { ANSWERED_QUICKLY_MS } from "../limits.ts";
import { describeEntry, entriesOf } from "./entries.ts";

const PROPERTY = "messages per entry";
/** Faults after which the callee never saw the call. */
const NOT_DELIVERED = new Set(["blackhole", "refuse", "drop"]);

type Kind = "Request" | "Reply";

interface Logical {
  kind: Kind;
  from: string;
  to: string;
  timestamp: number;
  calls: MessageRecord[];
}

const kindOf = (m: MessageRecord): Kind | null =>
  m.method.endsWith("/Request") ? "Request" : m.method.endsWith("/Reply") ? "Reply" : null;

const keyOf = (kind: Kind, from: string, to: string, ts: number) => `${kind} ${from}→${to} @${ts}`;

/** Every peer call grouped into its logical message; null when a call was not decoded. */
function logicalMessages(messages: Messages): Map<string, Logical> | null {
  const logical = new Map<string, Logical>();
  for (const m of messages) {
    const kind = kindOf(m);
    if (!kind) continue;
    const ts = m.request?.["timestamp"];
    // A call the callee never saw changes nothing, and a resend of it follows: without its
    // fields it can be passed over; one that was delivered cannot.
    if (typeof ts !== "number") {
      if (NOT_DELIVERED.has(m.fault ?? "")) continue;
      return null;
    }
    const key = keyOf(kind, m.from, m.to, ts);
    const known = logical.get(key) ?? { kind, from: m.from, to: m.to, timestamp: ts, calls: [] };
    known.calls.push(m);
    logical.set(key, known);
  }
  return logical;
}

const describeCall = (m: MessageRecord, originMs: number) =>
  `${m.method.split("/").at(-1)} ${m.from}→${m.to} timestamp ${String(m.request?.["timestamp"])} at ${((m.startMs - originMs) / 1000).toFixed(3)} s, ${m.fault ?? (m.status === 0 ? "answered OK" : `status ${m.status}`)}${m.endMs === null ? "" : ` after ${Math.round(m.endMs - m.startMs)} ms`}`;

export function checkMessages(run: RunRecord<MutexOp>): PropertyResult {
  const logical = logicalMessages(run.messages);
  if (!logical)
    return inconclusive(
      PROPERTY,
      "some delivered Request or Reply calls were recorded without their fields",
    );
  const entries = entriesOf(run.history);
  if (entries.length === 0)
    return inconclusive(PROPERTY, "no acquire was granted, so no entry to count");
  const complete = run.messagesDropped === 0;

  // A Reply answers a Request the replier received: sent, and reached it at least once.
  for (const reply of logical.values()) {
    if (reply.kind !== "Reply" || !complete) continue;
    const asked = logical.get(keyOf("Request", reply.to, reply.from, reply.timestamp));
    if (!asked?.calls.some((c) => !NOT_DELIVERED.has(c.fault ?? "")))
      return violated(
        PROPERTY,
        `${reply.from} sent ${reply.to} a Reply for timestamp ${reply.timestamp}, but ${reply.to} never reached it with a Request of that timestamp`,
        reply.calls.slice(0, 2).map((c) => describeCall(c, run.originMs)),
      );
  }

  // One request per acquire: the timestamps a node requested at are at most its acquires.
  for (const node of run.nodes) {
    const stamps = new Set(
      [...logical.values()]
        .filter((l) => l.kind === "Request" && l.from === node)
        .map((l) => l.timestamp),
    );
    const acquires = run.history.filter(
      (op) => op.f === "acquire" && op.attempts.some((a) => a.node === node),
    ).length;
    if (stamps.size > acquires)
      return violated(
        PROPERTY,
        `${node} sent Requests at ${stamps.size} different timestamps for ${acquires} acquires: a retried acquire must wait for the same request, not make another`,
        [[...stamps].sort((a, b) => a - b).join(", ")],
      );
  }

  // Each entry's N−1 Requests out and N−1 Replies in.
  if (complete) {
    for (const e of entries) {
      for (const peer of run.nodes) {
        if (peer === e.node) continue;
        const asked = logical.has(keyOf("Request", e.node, peer, e.timestamp));
        const replied = logical.has(keyOf("Reply", peer, e.node, e.timestamp));
        if (!asked || !replied)
          return violated(
            PROPERTY,
            `${e.node} entered at timestamp ${e.timestamp} ${asked ? `without a Reply from ${peer}` : `without sending ${peer} a Request`}: an entry takes a Request to every peer and a Reply from every peer`,
            [describeEntry(e, run.originMs)],
          );
      }
    }
  }

  // No fault in force: a call the agent saw answered at once is not sent again.
  let raw = 0;
  for (const l of logical.values()) {
    raw += l.calls.length;
    const calls = [...l.calls].sort((a, b) => a.startMs - b.startMs);
    for (const [i, cur] of calls.entries()) {
      const prev = calls[i - 1];
      if (!prev || prev.fault || prev.status !== 0 || prev.endMs === null) continue;
      if (prev.endMs - prev.startMs >= ANSWERED_QUICKLY_MS) continue;
      const faulted = run.faults.some(
        (w) => w.startMs <= cur.startMs && (w.endMs ?? Infinity) >= prev.startMs,
      );
      if (!faulted)
        return violated(
          PROPERTY,
          `${l.from} sent the same ${l.kind} again after ${l.to} had acknowledged it at once, with no fault in force: resend only a call that failed or went unanswered`,
          [describeCall(prev, run.originMs), describeCall(cur, run.originMs)],
        );
    }
  }
  const distinct = [...logical.values()].length;
  const counted = complete
    ? `each with exactly ${2 * (run.nodes.length - 1)} distinct messages`
    : `(${run.messagesDropped} messages were not kept: each entry's messages not counted)`;
  const result = holds(
    PROPERTY,
    `${entries.length} entries ${counted}; ${distinct} distinct messages in ${raw} calls`,
  );
  return complete ? result : inconclusive(PROPERTY, result.message);
}
