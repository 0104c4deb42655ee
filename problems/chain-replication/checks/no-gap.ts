// No gap in the updates a node takes: a node accepts update seq only when it may already
// hold seq - 1 in its current membership (from a Forward or a Transfer sent to it since it
// joined, holdings.ts), so after a reconfiguration its predecessor must first resend what
// it lacks, and a node that joined must first get the state. Its own earlier holdings
// (before a crash and rejoin) do not count: it joined with nothing.
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { ChainRun } from "./history.ts";
import { Holdings } from "./holdings.ts";
import { FORWARD, describeMessage, epochOf, num, peerStatus } from "./traffic.ts";

const PROPERTY = "no gap in the updates a node takes";

export function checkNoGap({
  messages,
  messagesDropped,
  configs,
  originMs,
}: Pick<ChainRun, "messages" | "messagesDropped" | "configs" | "originMs">): PropertyResult {
  const holdings = new Holdings(messages, configs);
  let checked = 0;
  for (const m of messages) {
    const seq = num(m.request?.["seq"]);
    const epoch = epochOf(m);
    if (m.method !== FORWARD || seq === null || epoch === null) continue;
    if (peerStatus(m) !== "ACCEPTED") continue;
    const held = holdings.upTo(m.to, epoch, m.endMs ?? m.startMs, m);
    if (!held) continue;
    checked++;
    if (seq <= held.seq + 1) continue;
    const before = held.message
      ? `the most it could hold then was update ${held.seq}`
      : "nothing had been sent to it since it joined";
    const message = `${m.to} accepted update ${seq} from ${m.from} in epoch ${epoch}, but ${before}: updates ${held.seq + 1}–${seq - 1} are missing; it must answer GAP, and its predecessor resend them (or send the state first to a node that joined)`;
    if (messagesDropped > 0)
      return inconclusive(
        PROPERTY,
        `${message}; but the agents left ${messagesDropped} messages out, which may have carried them`,
      );
    return violated(PROPERTY, message, [
      ...(held.message ? [describeMessage(held.message, originMs)] : []),
      describeMessage(m, originMs),
    ]);
  }
  if (checked === 0) return inconclusive(PROPERTY, "no node was seen accepting a Forward");
  return holds(PROPERTY, `${checked} accepted Forwards, each right after what its node could hold`);
}
