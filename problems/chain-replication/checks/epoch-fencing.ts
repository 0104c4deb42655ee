// A node takes peer calls of its own epoch only: an ACCEPTED answer carries the request's
// epoch (the receiver's own); and once a node answered the judge's Configure of an epoch, it
// accepts nothing of an older one, so an update in flight across a reconfiguration cannot
// slip into the new chain. A call counts as after the Configure only when its caller's agent
// saw it start later than the judge heard the answer (with the clock slack): the node had
// adopted the new epoch before answering, and handled the call after it started.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { ChainConfig } from "./configuration.ts";
import type { ChainRun } from "./history.ts";
import {
  ACK,
  CLOCK_SLACK_MS,
  FORWARD,
  TRANSFER,
  describeMessage,
  epochOf,
  methodName,
  num,
  peerStatus,
} from "./traffic.ts";

const PROPERTY = "nodes take calls of their own epoch only";

export function checkEpochFencing({
  messages,
  configs,
  originMs,
}: Pick<ChainRun, "messages" | "configs" | "originMs">): PropertyResult {
  let accepted = 0;
  for (const m of messages) {
    if (m.method !== FORWARD && m.method !== TRANSFER && m.method !== ACK) continue;
    const epoch = epochOf(m);
    if (epoch === null || peerStatus(m) !== "ACCEPTED") continue;
    accepted++;
    const own = num(m.response?.["epoch"]);
    const what = `${m.to} accepted ${methodName(m)} of epoch ${epoch} from ${m.from}`;
    if (own !== null && own !== epoch)
      return violated(
        PROPERTY,
        `${what} while in epoch ${own}: a call of another epoch is answered WRONG_EPOCH and changes nothing`,
        [describeMessage(m, originMs)],
      );
    const newer = adoptedBefore(configs, m, epoch);
    if (newer)
      return violated(
        PROPERTY,
        `${what} ${((m.startMs - (newer.answeredMs[m.to] as number)) / 1000).toFixed(3)} s after it had answered the judge's Configure of epoch ${newer.epoch}: a node in a newer epoch refuses the old one's calls (WRONG_EPOCH)`,
        [describeMessage(m, originMs)],
      );
  }
  if (accepted === 0) return inconclusive(PROPERTY, "no peer call was seen accepted");
  return holds(PROPERTY, `${accepted} accepted peer calls, each of its receiver's epoch`);
}

/** A newer configuration the callee answered well before this call started, if any. */
function adoptedBefore(
  configs: readonly ChainConfig[],
  m: MessageRecord,
  epoch: number,
): ChainConfig | null {
  for (const c of configs) {
    const answered = c.answeredMs[m.to];
    if (c.epoch > epoch && answered !== undefined && answered + CLOCK_SLACK_MS < m.startMs)
      return c;
  }
  return null;
}
