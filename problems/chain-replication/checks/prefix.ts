// Each node's updates are a prefix of its predecessor's, read from the traffic in two parts.
// Within one epoch every member's updates are a prefix of the head's, which only grows, so
// every Forward of that epoch names one update per seq, whoever sent it. And a node holds
// only what its predecessors sent it since it joined: the last_seq of every answer it gives
// and the seq of every Ack it sends are at most the highest seq a Forward or Transfer to it
// may have brought it (holdings.ts). The head of the epoch is left out of the second part:
// it makes updates itself. A node applying a resent update again, or taking state from
// elsewhere, claims more than it was sent.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { configOf } from "./configuration.ts";
import type { ChainRun } from "./history.ts";
import { Holdings } from "./holdings.ts";
import { ACK, FORWARD, TRANSFER, describeMessage, epochOf, methodName, num } from "./traffic.ts";

const PROPERTY = "each node holds a prefix of its predecessor's updates";

/** Who claims to hold how much, when, in which epoch, in which message. */
interface Claim {
  node: string;
  seq: number;
  epoch: number;
  atMs: number;
  message: MessageRecord;
}

export function checkPrefix({
  messages,
  messagesDropped,
  configs,
  originMs,
}: Pick<ChainRun, "messages" | "messagesDropped" | "configs" | "originMs">): PropertyResult {
  const conflict = conflictingUpdate(messages, originMs);
  if (conflict) return conflict;
  const holdings = new Holdings(messages, configs);
  let checked = 0;
  for (const claim of claims(messages)) {
    const config = configOf(configs, claim.epoch);
    if (!config || config.chain[0] === claim.node) continue;
    const held = holdings.upTo(claim.node, claim.epoch, claim.atMs);
    if (!held) continue;
    checked++;
    if (claim.seq <= held.seq) continue;
    const sent = held.message
      ? `the highest seq sent to it since it joined was ${held.seq}`
      : "no update had been sent to it since it joined";
    const says =
      claim.message.method === ACK
        ? `acknowledged update ${claim.seq} to ${claim.message.to}`
        : `answered ${methodName(claim.message)} from ${claim.message.from} saying it holds updates up to ${claim.seq}`;
    const message = `${claim.node} ${says} in epoch ${claim.epoch}, but ${sent}: a node holds only updates its predecessor sent it, each once`;
    if (messagesDropped > 0)
      return inconclusive(
        PROPERTY,
        `${message}; but the agents left ${messagesDropped} messages out, which may have carried more`,
      );
    return violated(PROPERTY, message, [
      ...(held.message ? [describeMessage(held.message, originMs)] : []),
      describeMessage(claim.message, originMs),
    ]);
  }
  if (checked === 0)
    return inconclusive(PROPERTY, "no node other than a head said how many updates it holds");
  return holds(
    PROPERTY,
    `${checked} answers and Acks, none claiming an update its predecessors had not sent; one update per seq in each epoch's Forwards`,
  );
}

/** Two Forwards of one epoch carrying different updates at one seq, as a violation. */
function conflictingUpdate(messages: Messages, originMs: number): PropertyResult | null {
  const seen = new Map<string, { update: string; message: MessageRecord }>();
  for (const m of messages) {
    const epoch = epochOf(m);
    const seq = num(m.request?.["seq"]);
    if (m.method !== FORWARD || epoch === null || seq === null) continue;
    const r = m.request as Record<string, unknown>;
    const update = JSON.stringify([r["client_id"], r["sequence"], r["op"], r["key"], r["value"]]);
    const key = `${epoch}/${seq}`;
    const first = seen.get(key);
    if (!first) seen.set(key, { update, message: m });
    else if (first.update !== update)
      return violated(
        PROPERTY,
        `two Forwards of epoch ${epoch} carry different updates at seq ${seq} (${first.message.from} → ${first.message.to} and ${m.from} → ${m.to}): within an epoch every node's updates are a prefix of the head's, so one seq names one update`,
        [describeMessage(first.message, originMs), describeMessage(m, originMs)],
      );
  }
  return null;
}

/** Every statement a node made about how much it holds: its answers' last_seq, its Acks. */
function claims(messages: Messages): Claim[] {
  const out: Claim[] = [];
  for (const m of messages) {
    if (m.method === ACK) {
      const seq = num(m.request?.["seq"]);
      const epoch = epochOf(m);
      if (seq !== null && epoch !== null && seq > 0)
        out.push({ node: m.from, seq, epoch, atMs: m.startMs, message: m });
    }
    if (m.method !== FORWARD && m.method !== TRANSFER && m.method !== ACK) continue;
    if (m.status !== 0 || !m.response) continue;
    const seq = num(m.response["last_seq"]);
    const epoch = num(m.response["epoch"]);
    if (seq !== null && epoch !== null && seq > 0)
      out.push({ node: m.to, seq, epoch, atMs: m.endMs ?? m.startMs, message: m });
  }
  return out;
}
