// Each recorded channel state is exactly what Chandy-Lamport defines (statement.md,
// "Channel states"): for snapshot s and channel i → j, with m the number of s's marker on
// that channel in the traffic and r the last number j had applied when it recorded, the
// token messages numbered r+1 … m−1, in order, with their amounts. Each snapshot is held
// to its own marker's number, so concurrent snapshots cannot borrow each other's.
import type { Check } from "../../../harness/problem.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { ChannelView, SnapshotOp } from "../client.ts";
import { completeRecordings, recordingsOf } from "./recordings.ts";
import {
  channelKey,
  channelsOf,
  line,
  markerNumber,
  tokensBetween,
  type Channel,
} from "./traffic.ts";

const NAME = "channel states";

const listed = (msgs: readonly { sequence: number; amount: number }[]): string =>
  msgs.length ? msgs.map((m) => `#${m.sequence}: ${m.amount}`).join(", ") : "nothing";

export const channelStatesCheck: Check<SnapshotOp> = {
  name: NAME,
  required: true,
  run(run) {
    const channels = channelsOf(run.messages);
    const recordings = completeRecordings(recordingsOf(run));
    let checked = 0;
    let unknown: string | null = null;
    for (const { id, node, view } of recordings) {
      const peers = run.nodes.filter((n) => n !== node);
      const froms = view.channels.map((c) => c.from).sort();
      if (froms.join() !== peers.join())
        return violated(
          NAME,
          `${node} reported snapshot ${id}'s incoming channels from ${froms.join(", ") || "no node"}, not one from each of ${peers.join(", ")}`,
        );
      for (const state of view.channels) {
        const traffic = channels.get(channelKey(state.from, node));
        const result = judgeChannel(id, node, state, traffic, run.messagesDropped > 0);
        if (result.kind === "violated") {
          const excerpt = result.records.map((r) => line(r, run.originMs));
          return violated(NAME, result.text, excerpt);
        }
        if (result.kind === "unknown") unknown ??= result.text;
        else checked++;
      }
    }
    if (unknown && run.messagesDropped > 0) return inconclusive(NAME, unknown);
    if (checked === 0) return inconclusive(NAME, unknown ?? "no node completed a snapshot");
    return holds(
      NAME,
      `${checked} recorded channel states each held exactly the tokens sent before the sender recorded and received after the receiver did`,
    );
  },
};

type Verdict =
  | { kind: "ok" }
  | { kind: "unknown"; text: string }
  | { kind: "violated"; text: string; records: MessageRecord[] };

function judgeChannel(
  id: number,
  node: string,
  state: ChannelView,
  channel: Channel | undefined,
  /** Some calls are missing from the traffic kept: an absent marker may be one of them. */
  incomplete: boolean,
): Verdict {
  const key = channelKey(state.from, node);
  const m = markerNumber(channel, id);
  if (m === null && incomplete)
    return {
      kind: "unknown",
      text: `the marker of snapshot ${id} on ${key} is not in the traffic kept`,
    };
  if (m === null)
    return {
      kind: "violated",
      text: `${node} reported the marker of snapshot ${id} received on ${key}, but no such marker went over that channel`,
      records: [],
    };
  const marker = channel?.byNumber.get(m);
  const records = marker ? [marker.record] : [];
  if (state.marker_sequence !== m)
    return {
      kind: "violated",
      text: `${node} reported snapshot ${id}'s marker on ${key} as number ${state.marker_sequence}, but that marker is number ${m}`,
      records,
    };
  const r = state.last_applied;
  if (r >= m)
    return {
      kind: "violated",
      text: `${node} reported it had applied up to number ${r} on ${key} when it recorded snapshot ${id}, but the snapshot's marker is number ${m}: a node records at the latest when that marker arrives`,
      records,
    };
  const expected = tokensBetween(channel, r + 1, m - 1);
  if (!expected)
    return {
      kind: "unknown",
      text: `a message between ${r + 1} and ${m - 1} on ${key} is not in the traffic kept`,
    };
  const same =
    expected.length === state.messages.length &&
    expected.every(
      (e, i) =>
        e.sequence === state.messages[i]?.sequence && e.amount === state.messages[i]?.amount,
    );
  if (!same)
    return {
      kind: "violated",
      text: `${node} recorded ${key} for snapshot ${id} as ${listed(state.messages)}, but it had applied up to ${r} when it recorded and the marker is number ${m}, so the channel held ${listed(expected)}`,
      records: [...expected.map((e) => e.record), ...records],
    };
  return { kind: "ok" };
}
