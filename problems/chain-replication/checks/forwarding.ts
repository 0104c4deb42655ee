// Updates flow down the chain of their epoch, in sequence order: every Forward and Transfer
// goes from a member of the epoch it carries to that member's successor there, no sooner
// than the judge sent that epoch; and on one link in one epoch a node sends an update seq
// at most one past what the successor told it it holds (a Forward's or Transfer's answer it
// heard, an Ack the successor sent it), except the first call of the epoch on that link,
// which may start anywhere, and resends of that first seq. A node with one call at a time
// on the link (statement.md) only moves on after hearing how far the successor got.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { configOf, successorIn } from "./configuration.ts";
import type { ChainRun } from "./history.ts";
import {
  ACK,
  CLOCK_SLACK_MS,
  FORWARD,
  TRANSFER,
  describeMessage,
  epochOf,
  heard,
  mayHaveReached,
  methodName,
  num,
  peerStatus,
} from "./traffic.ts";

const PROPERTY = "updates go to the successor, in order";

/** A heard answer counts for the caller's next call that starts this soon after it ended. */
const HEARD_SLACK_MS = 50;

export function checkForwarding({
  messages,
  messagesDropped,
  configs,
  originMs,
}: Pick<ChainRun, "messages" | "messagesDropped" | "configs" | "originMs">): PropertyResult {
  const sent = messages
    .filter((m) => (m.method === FORWARD || m.method === TRANSFER) && epochOf(m) !== null)
    .sort((a, b) => a.startMs - b.startMs);
  for (const m of sent) {
    const wrong = misdirected(m, configs);
    if (wrong) return violated(PROPERTY, wrong, [describeMessage(m, originMs)]);
  }
  // Per epoch and link: what the successor said it holds, and the calls, in order.
  const links = new Map<string, MessageRecord[]>();
  for (const m of [...sent, ...messages.filter((a) => a.method === ACK)]) {
    const epoch = epochOf(m);
    if (epoch === null) continue;
    const key = m.method === ACK ? `${epoch}/${m.to}/${m.from}` : `${epoch}/${m.from}/${m.to}`;
    const list = links.get(key);
    if (list) list.push(m);
    else links.set(key, [m]);
  }
  const unreadable = messages.filter((m) => isUndecodedTelling(m));
  let checked = 0;
  for (const [key, list] of links) {
    const [epoch, from, to] = key.split("/") as [string, string, string];
    const between = unreadable.filter(
      (m) => (m.from === from && m.to === to) || (m.from === to && m.to === from),
    );
    const result = inOrder(list, between, from, to, Number(epoch), messagesDropped, originMs);
    if (result.violation) return result.violation;
    checked += result.checked;
  }
  if (sent.length === 0)
    return inconclusive(PROPERTY, "no Forward or Transfer with a decoded epoch was recorded");
  return holds(
    PROPERTY,
    `${sent.length} Forward and Transfer calls, each from a member of its epoch to its successor there; ${checked} of them after the first of their epoch and link, none beyond what the successor had said it held`,
  );
}

/** Why this call breaks the chain's shape, or null. */
function misdirected(m: MessageRecord, configs: ChainRun["configs"]): string | null {
  const epoch = epochOf(m) as number;
  const what = `${m.from} sent ${methodName(m)} of epoch ${epoch} to ${m.to}`;
  const config = configOf(configs, epoch);
  if (!config) return `${what}, an epoch the judge never configured`;
  if (m.startMs + CLOCK_SLACK_MS < config.sentMs)
    return `${what} ${((config.sentMs - m.startMs) / 1000).toFixed(3)} s before the judge sent that epoch`;
  const chain = config.chain.join(" → ");
  if (!config.chain.includes(m.from))
    return `${what}, but ${m.from} is not in that chain (${chain})`;
  const successor = successorIn(config, m.from);
  if (successor !== m.to)
    return `${what}, but its successor in that chain (${chain}) is ${successor ?? "nobody: it is the tail"}`;
  return null;
}

interface Told {
  seq: number;
  message: MessageRecord | null;
}

function inOrder(
  calls: MessageRecord[],
  between: readonly MessageRecord[],
  from: string,
  to: string,
  epoch: number,
  messagesDropped: number,
  originMs: number,
): { violation: PropertyResult | null; checked: number } {
  const outgoing = calls
    .filter((m) => m.method === FORWARD && m.from === from)
    .sort((a, b) => a.startMs - b.startMs);
  const first = outgoing[0];
  const firstSeq = num(first?.request?.["seq"]) ?? 0;
  const tells = tellings(calls, from);
  let next = 0;
  let best: Told = { seq: 0, message: null };
  let second: Told = { seq: 0, message: null };
  let checked = 0;
  for (const m of outgoing) {
    for (; next < tells.length && (tells[next] as Telling).atMs <= m.startMs; next++) {
      const t = tells[next] as Telling;
      if (t.seq > best.seq || best.message === null) [second, best] = [best, t];
      else if (t.seq > second.seq || second.message === null) second = t;
    }
    const seq = num(m.request?.["seq"]);
    if (m === first || seq === null) continue;
    const known = best.message === m ? second : best;
    checked++;
    if (seq <= Math.max(known.seq + 1, firstSeq)) continue;
    const because = known.message
      ? `after hearing it held only up to ${known.seq}`
      : "before hearing from it how far it got";
    const unread = undecoded(between, m);
    if (messagesDropped > 0 || unread > 0)
      return {
        violation: inconclusive(
          PROPERTY,
          `${from} sent update ${seq} to ${to} in epoch ${epoch} ${because}, but ${messagesDropped > 0 ? `the agents left ${messagesDropped} messages out` : `${unread} call${unread === 1 ? " between them was" : "s between them were"} not decoded`}, which may have told it more`,
        ),
        checked,
      };
    return {
      violation: violated(
        PROPERTY,
        `${from} sent update ${seq} to its successor ${to} in epoch ${epoch} ${because}: a node sends the update just past what its successor holds, and moves on only once it heard that it took it`,
        [
          ...(known.message ? [describeMessage(known.message, originMs)] : []),
          describeMessage(m, originMs),
        ],
      ),
      checked,
    };
  }
  return { violation: null, checked };
}

/**
 * A call that may have told its caller how far the successor got, but was not decoded: an
 * answer heard but not decoded, or an Ack whose request was not.
 */
function isUndecodedTelling(m: MessageRecord): boolean {
  if (m.method === ACK) return !m.request && mayHaveReached(m);
  return (
    (m.method === FORWARD || m.method === TRANSFER) &&
    m.status === 0 &&
    m.fault !== "lose-answer" &&
    (!m.response || !m.request)
  );
}

/** How many of the undecoded calls between the pair started before `call` (with the slack). */
const undecoded = (between: readonly MessageRecord[], call: MessageRecord): number =>
  between.filter((m) => m !== call && m.startMs < call.startMs + CLOCK_SLACK_MS).length;

interface Telling {
  /** From when the sender may know it. */
  atMs: number;
  seq: number;
  message: MessageRecord;
}

/**
 * What the successor told `from` it holds, and from when `from` may know it: an answer it
 * heard to its own call, from the answer's end (with a little slack, and never before the
 * call began); an Ack the successor sent it, timed by the successor's agent (clock slack).
 */
function tellings(calls: readonly MessageRecord[], from: string): Telling[] {
  const out: Telling[] = [];
  for (const m of calls) {
    if (m.method === ACK) {
      const seq = num(m.request?.["seq"]);
      if (m.to === from && mayHaveReached(m) && seq !== null)
        out.push({ atMs: m.startMs - CLOCK_SLACK_MS, seq, message: m });
      continue;
    }
    const status = peerStatus(m);
    const seq = num(m.response?.["last_seq"]);
    if (m.from !== from || !heard(m) || seq === null) continue;
    if (status !== "ACCEPTED" && status !== "GAP") continue;
    out.push({ atMs: Math.max(m.startMs, (m.endMs as number) - HEARD_SLACK_MS), seq, message: m });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
