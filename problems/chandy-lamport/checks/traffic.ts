// The channels as the agents saw them: every Deliver call, grouped by its channel (the
// agent's from → to, which the node cannot forge) and numbered by its sequence field. Each
// number's content comes from its copies (a resend repeats it); copies that disagree, or a
// sender that names another node, are kept as discipline faults for the channels check.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";

export const DELIVER = "/chandylamport.SnapshotNode/Deliver";

/** One numbered message of a channel, from every copy the agents recorded. */
export interface ChannelMessage {
  sequence: number;
  kind: string;
  amount: number;
  snapshotId: number;
  /** When its first copy entered the agent. */
  firstSentMs: number;
  /** When a copy was first answered OK (the receiver applied it or had already): null: never. */
  firstAckMs: number | null;
  /** The first copy, for excerpts. */
  record: MessageRecord;
}

export interface Channel {
  from: string;
  to: string;
  byNumber: Map<number, ChannelMessage>;
  /** The highest number seen. */
  top: number;
  /** Discipline faults in words: copies that disagree, a forged sender, two markers of a snapshot. */
  faults: { text: string; record: MessageRecord }[];
}

export const channelKey = (from: string, to: string): string => `${from}→${to}`;

const num = (v: unknown): number => (typeof v === "number" ? v : 0);

/** Whether the call reached the receiver: a black hole, refusal or drop did not. */
const reached = (m: MessageRecord): boolean =>
  m.fault !== "blackhole" && m.fault !== "refuse" && m.fault !== "drop";

/** Every channel the traffic shows, by channelKey. */
export function channelsOf(messages: Messages): Map<string, Channel> {
  const channels = new Map<string, Channel>();
  for (const m of messages) {
    if (m.method !== DELIVER || !m.request) continue;
    const key = channelKey(m.from, m.to);
    let channel = channels.get(key);
    if (!channel) {
      channel = { from: m.from, to: m.to, byNumber: new Map(), top: 0, faults: [] };
      channels.set(key, channel);
    }
    const req = m.request;
    if (req["from"] !== m.from)
      channel.faults.push({
        text: `${m.from} sent a message naming its sender "${String(req["from"])}"`,
        record: m,
      });
    const msg: ChannelMessage = {
      sequence: num(req["sequence"]),
      kind: String(req["kind"]),
      amount: num(req["amount"]),
      snapshotId: num(req["snapshot_id"]),
      firstSentMs: m.startMs,
      firstAckMs: reached(m) && m.status === 0 && m.fault !== "lose-answer" ? m.endMs : null,
      record: m,
    };
    channel.top = Math.max(channel.top, msg.sequence);
    const known = channel.byNumber.get(msg.sequence);
    if (!known) {
      channel.byNumber.set(msg.sequence, msg);
      continue;
    }
    if (
      known.kind !== msg.kind ||
      known.amount !== msg.amount ||
      known.snapshotId !== msg.snapshotId
    )
      channel.faults.push({
        text: `${key} number ${msg.sequence} was sent as ${describe(known)} and again as ${describe(msg)}`,
        record: m,
      });
    known.firstSentMs = Math.min(known.firstSentMs, msg.firstSentMs);
    if (msg.firstAckMs !== null)
      known.firstAckMs = Math.min(known.firstAckMs ?? Infinity, msg.firstAckMs);
  }
  for (const channel of channels.values()) {
    const seen = new Set<number>();
    for (const msg of [...channel.byNumber.values()].sort((a, b) => a.sequence - b.sequence)) {
      if (msg.kind !== "MARKER") continue;
      if (seen.has(msg.snapshotId))
        channel.faults.push({
          text: `${channelKey(channel.from, channel.to)} carried two markers of snapshot ${msg.snapshotId}`,
          record: msg.record,
        });
      seen.add(msg.snapshotId);
    }
  }
  return channels;
}

/** A message in words: "tokens 7", "the marker of snapshot 3", "kind X". */
export function describe(msg: Pick<ChannelMessage, "kind" | "amount" | "snapshotId">): string {
  if (msg.kind === "TOKENS") return `${msg.amount} tokens`;
  if (msg.kind === "MARKER") return `the marker of snapshot ${msg.snapshotId}`;
  return `a message of kind ${msg.kind}`;
}

/** The number of snapshot `id`'s marker on the channel, or null when the traffic shows none. */
export function markerNumber(channel: Channel | undefined, id: number): number | null {
  if (!channel) return null;
  for (const msg of channel.byNumber.values())
    if (msg.kind === "MARKER" && msg.snapshotId === id) return msg.sequence;
  return null;
}

/**
 * The token messages with numbers in [low, high] on the channel, in order, or null when a
 * number in that range is missing from the traffic (it cannot be known).
 */
export function tokensBetween(
  channel: Channel | undefined,
  low: number,
  high: number,
): ChannelMessage[] | null {
  const out: ChannelMessage[] = [];
  for (let n = low; n <= high; n++) {
    const msg = channel?.byNumber.get(n);
    if (!msg) return null;
    if (msg.kind === "TOKENS") out.push(msg);
  }
  return out;
}

export const sum = (msgs: readonly { amount: number }[]): number =>
  msgs.reduce((t, m) => t + m.amount, 0);

/** One call in words for excerpts: "1.204 s node-0 → node-2 Deliver #7 4 tokens OK". */
export function line(m: MessageRecord, originMs: number): string {
  const req = m.request ?? {};
  const what = describe({
    kind: String(req["kind"]),
    amount: num(req["amount"]),
    snapshotId: num(req["snapshot_id"]),
  });
  const status = m.fault ? m.fault : m.status === 0 ? "OK" : `status ${String(m.status)}`;
  const at = ((m.startMs - originMs) / 1000).toFixed(3);
  return `${at} s ${m.from} → ${m.to} Deliver #${num(req["sequence"])} ${what} ${status}`;
}
