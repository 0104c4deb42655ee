// A predecessor resends what its successor lacks: once it heard a GAP answer saying the
// successor holds only up to last_seq, the next call it makes to that successor in that
// epoch is Forward last_seq + 1 or a Transfer. With one call at a time on a link
// (statement.md) "next" is the next call it started. A predecessor that skips ahead, or
// keeps sending newer updates after a reconfiguration, leaves its successor behind for good.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { ChainRun } from "./history.ts";
import {
  FORWARD,
  TRANSFER,
  describeMessage,
  epochOf,
  heard,
  methodName,
  num,
  peerStatus,
} from "./traffic.ts";

const PROPERTY = "the predecessor resends what its successor lacks";

export function checkResend({
  messages,
  originMs,
}: Pick<ChainRun, "messages" | "originMs">): PropertyResult {
  const links = new Map<string, MessageRecord[]>();
  for (const m of messages) {
    const epoch = epochOf(m);
    if ((m.method !== FORWARD && m.method !== TRANSFER) || epoch === null) continue;
    const key = `${epoch}/${m.from}/${m.to}`;
    const list = links.get(key);
    if (list) list.push(m);
    else links.set(key, [m]);
  }
  let gaps = 0;
  for (const list of links.values()) {
    list.sort((a, b) => a.startMs - b.startMs);
    for (const [i, m] of list.entries()) {
      const last = num(m.response?.["last_seq"]);
      if (!heard(m) || peerStatus(m) !== "GAP" || last === null) continue;
      const next = list[i + 1];
      if (!next) continue;
      gaps++;
      const seq = num(next.request?.["seq"]);
      if (next.method === TRANSFER || seq === null || seq === last + 1) continue;
      return violated(
        PROPERTY,
        `${m.to} answered GAP to ${m.from} in epoch ${String(epochOf(m))}: it holds updates up to ${last}; but ${m.from}'s next call to it was ${methodName(next)} of update ${seq}, not ${last + 1}: a predecessor resends from what its successor lacks`,
        [describeMessage(m, originMs), describeMessage(next, originMs)],
      );
    }
  }
  if (gaps === 0)
    return inconclusive(PROPERTY, "no GAP answer heard with a later call on its link");
  return holds(PROPERTY, `${gaps} GAP answers, each followed by the missing update or the state`);
}
