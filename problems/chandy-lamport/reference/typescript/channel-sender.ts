// One outgoing channel, FIFO over unary calls: every message gets the channel's next number
// when it is queued, and the queue's head is sent alone, again and again with a backoff,
// until the receiver acknowledges it; only then the next one. A receiver applies each number
// once, in order, so a resent copy that arrives late changes nothing.
import type { ChannelMessage, MessageKind } from "./proto.ts";

/** Sends one message; `done(true)` once the receiver answered OK, `done(false)` otherwise. */
export type SendOnce = (msg: ChannelMessage, done: (acknowledged: boolean) => void) => void;

/** A timer, so the sender runs on real time in the node and simulated time in tests. */
export type After = (ms: number, fn: () => void) => void;

const BACKOFF_MIN_MS = 50;
const BACKOFF_MAX_MS = 400;

export class ChannelSender {
  private readonly queue: ChannelMessage[] = [];
  private nextSequence = 1;
  private busy = false;
  private backoffMs = BACKOFF_MIN_MS;

  constructor(
    private readonly from: string,
    private readonly sendOnce: SendOnce,
    private readonly after: After,
  ) {}

  /** Numbers the message and queues it behind every earlier one. */
  push(kind: MessageKind, amount: number, snapshotId: number): void {
    const sequence = this.nextSequence++;
    this.queue.push({ from: this.from, sequence, kind, amount, snapshot_id: snapshotId });
    this.pump();
  }

  private pump(): void {
    const head = this.queue[0];
    if (this.busy || !head) return;
    this.busy = true;
    this.sendOnce(head, (acknowledged) => {
      if (acknowledged) {
        this.queue.shift();
        this.backoffMs = BACKOFF_MIN_MS;
        this.busy = false;
        this.pump();
        return;
      }
      // Unanswered (the peer is slow, paused, or the link is): the same message again later.
      this.after(this.backoffMs, () => {
        this.busy = false;
        this.pump();
      });
      this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    });
  }
}
