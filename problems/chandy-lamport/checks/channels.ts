// Every channel is FIFO by its numbers (statement.md, "Channels"): each number carries one
// message however often it is resent, numbers run 1, 2, 3, … with none skipped, and the
// sender sends a number only after the one before was acknowledged. The channel states the
// other checks rebuild from the traffic rest on this.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { SnapshotOp } from "../client.ts";
import { channelKey, channelsOf, line } from "./traffic.ts";

const NAME = "channels";

export const channelsCheck: Check<SnapshotOp> = {
  name: NAME,
  required: true,
  run(run) {
    const channels = channelsOf(run.messages);
    if (channels.size === 0) return inconclusive(NAME, "no Deliver call was recorded");
    let gapUnknown: string | null = null;
    for (const channel of channels.values()) {
      const key = channelKey(channel.from, channel.to);
      const fault = channel.faults[0];
      if (fault) return violated(NAME, fault.text, [line(fault.record, run.originMs)]);
      for (let n = 1; n <= channel.top; n++) {
        const msg = channel.byNumber.get(n);
        if (!msg) {
          // A missing number may be one the agents' bounded logs left out.
          if (run.messagesDropped > 0) {
            gapUnknown ??= `${key} number ${n} is not in the traffic kept`;
            continue;
          }
          return violated(
            NAME,
            `${channel.from} skipped number ${n} on ${key}: it sent ${n + 1 <= channel.top ? "later numbers" : "nothing"} after ${n - 1} and never ${n}`,
          );
        }
        const before = channel.byNumber.get(n - 1);
        if (before && (before.firstAckMs === null || msg.firstSentMs < before.firstAckMs))
          return violated(
            NAME,
            `${channel.from} sent number ${n} on ${key} before number ${n - 1} was acknowledged: a channel sends one message at a time, in order`,
            [line(before.record, run.originMs), line(msg.record, run.originMs)],
          );
      }
    }
    if (gapUnknown) return inconclusive(NAME, `${gapUnknown}, so the order cannot be shown`);
    const total = [...channels.values()].reduce((t, c) => t + c.top, 0);
    return holds(
      NAME,
      `${channels.size} channels carried ${total} numbered messages, each number one message, in order, one at a time`,
    );
  },
};
