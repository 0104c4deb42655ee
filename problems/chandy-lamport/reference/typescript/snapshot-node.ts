// The node's tokens and snapshots, without I/O of its own. A transfer debits the balance
// and queues the tokens on the channel to the payee in one step; recording a snapshot
// copies the balance and queues a marker on every outgoing channel in one step, so the
// marker's number splits what the balance already lost from what it had not. An incoming
// channel is applied in number order; while a snapshot records it (after the node recorded,
// before that snapshot's marker on it), each token message applied is added to its state.
import type { ChannelSender } from "./channel-sender.ts";
import type {
  ChannelMessage,
  ChannelState,
  GetSnapshotReply,
  RecordedMessage,
  TransferRequest,
} from "./proto.ts";

export const INITIAL_BALANCE = 1000;

/** A bad request: INVALID_ARGUMENT. */
export class InvalidRequest extends Error {}
/** Refused as things stand (too few tokens, a number ahead of the next): FAILED_PRECONDITION. */
export class Refused extends Error {}

interface ChannelRecording {
  /** The last number applied on the channel when the node recorded. */
  lastApplied: number;
  /** The marker's number once it came; null while the channel is being recorded. */
  markerSequence: number | null;
  messages: RecordedMessage[];
}

interface Recording {
  balance: number;
  /** By sender. */
  channels: Map<string, ChannelRecording>;
}

export class SnapshotNode {
  private balance = INITIAL_BALANCE;
  /** sender → the last number applied on its channel to this node. */
  private readonly applied = new Map<string, number>();
  /** client → its last transfer's sequence and whether it was refused, for retries. */
  private readonly transfers = new Map<string, { sequence: number; refused: string | null }>();
  private readonly recordings = new Map<number, Recording>();

  constructor(
    private readonly nodeId: string,
    /** One per peer, by peer id. */
    private readonly senders: ReadonlyMap<string, ChannelSender>,
  ) {}

  transfer(req: TransferRequest): void {
    if (!req.client_id || !(req.sequence > 0) || !(req.amount > 0))
      throw new InvalidRequest("a transfer needs a client_id, a sequence from 1 and an amount ≥ 1");
    const channel = this.senders.get(req.to);
    if (!channel) throw new InvalidRequest(`${req.to} is not a peer of ${this.nodeId}`);
    const last = this.transfers.get(req.client_id);
    // A retry: answer as before, pay nothing again.
    if (last && last.sequence >= req.sequence) {
      if (last.refused) throw new Refused(last.refused);
      return;
    }
    if (this.balance < req.amount) {
      const refused = `${this.nodeId} holds ${this.balance} tokens, fewer than ${req.amount}`;
      this.transfers.set(req.client_id, { sequence: req.sequence, refused });
      throw new Refused(refused);
    }
    this.balance -= req.amount;
    channel.push("TOKENS", req.amount, 0);
    this.transfers.set(req.client_id, { sequence: req.sequence, refused: null });
  }

  startSnapshot(id: number): void {
    if (!(id > 0)) throw new InvalidRequest("a snapshot id is at least 1");
    if (!this.recordings.has(id)) this.record(id);
  }

  getSnapshot(id: number): GetSnapshotReply {
    const recording = this.recordings.get(id);
    if (!recording) return { recorded: false, balance: 0, complete: false, channels: [] };
    const channels: ChannelState[] = [...recording.channels].map(([from, c]) => ({
      from,
      last_applied: c.lastApplied,
      marker_received: c.markerSequence !== null,
      marker_sequence: c.markerSequence ?? 0,
      messages: c.messages,
    }));
    return {
      recorded: true,
      balance: recording.balance,
      complete: channels.every((c) => c.marker_received),
      channels,
    };
  }

  deliver(msg: ChannelMessage): void {
    if (!this.senders.has(msg.from)) throw new InvalidRequest(`${msg.from} is not a peer`);
    const last = this.applied.get(msg.from) ?? 0;
    // A copy of a message applied already (its first answer was slow or lost).
    if (msg.sequence <= last) return;
    if (msg.sequence > last + 1)
      throw new Refused(`number ${msg.sequence} from ${msg.from} is ahead of ${last + 1}`);
    if (msg.kind === "TOKENS") {
      this.balance += msg.amount;
      for (const recording of this.recordings.values()) {
        const channel = recording.channels.get(msg.from);
        if (channel && channel.markerSequence === null)
          channel.messages.push({ sequence: msg.sequence, amount: msg.amount });
      }
    } else if (msg.kind === "MARKER") {
      // The first marker of a snapshot records it, before this number counts as applied.
      if (!this.recordings.has(msg.snapshot_id)) this.record(msg.snapshot_id);
      const channel = this.recordings.get(msg.snapshot_id)?.channels.get(msg.from);
      if (channel) channel.markerSequence = msg.sequence;
    } else throw new InvalidRequest(`unknown message kind ${String(msg.kind)}`);
    this.applied.set(msg.from, msg.sequence);
  }

  private record(id: number): void {
    const channels = new Map<string, ChannelRecording>();
    for (const peer of this.senders.keys())
      channels.set(peer, {
        lastApplied: this.applied.get(peer) ?? 0,
        markerSequence: null,
        messages: [],
      });
    this.recordings.set(id, { balance: this.balance, channels });
    for (const sender of this.senders.values()) sender.push("MARKER", 0, id);
  }
}
