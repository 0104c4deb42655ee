// A bounded log with sequence numbers: appends past the bound drop the oldest items, and a
// read says how many of the items it should have returned were dropped that way.
import type { Page } from "../ports/cluster.ts";

/** Overflow ranges remembered; each clear starts at most one new range. */
const DROPPED_RANGES_MAX = 1_000;

export class Ring<T> {
  private readonly items: T[] = [];
  /** Sequence number of items[0]; the first item ever appended gets 1. */
  private firstSeq = 1;
  /** Inclusive [from, to] sequence ranges lost to overflow (not to clear). */
  private readonly droppedRanges: [number, number][] = [];

  constructor(private readonly capacity: number) {}

  /** Appends and returns the item's sequence number. */
  push(item: T): number {
    this.items.push(item);
    if (this.items.length > this.capacity) this.dropOldest();
    return this.lastSeq();
  }

  lastSeq(): number {
    return this.firstSeq + this.items.length - 1;
  }

  /** Items with a sequence number above `since`, at most `limit` of them, oldest first. */
  read(since: number, limit: number): Page<T> {
    const from = Math.max(since + 1, this.firstSeq);
    const start = from - this.firstSeq;
    const items = this.items.slice(start, start + limit);
    return { items, dropped: this.droppedAfter(since), next: from + items.length - 1 };
  }

  /** Forgets every item; sequence numbers keep growing so readers' cursors stay valid. */
  clear(): void {
    this.firstSeq += this.items.length;
    this.items.length = 0;
  }

  private dropOldest(): void {
    // Drop a tenth at once: one splice per push would make a full ring quadratic.
    const count = this.items.length - this.capacity + Math.ceil(this.capacity / 10);
    this.items.splice(0, count);
    const range: [number, number] = [this.firstSeq, this.firstSeq + count - 1];
    this.firstSeq += count;
    const last = this.droppedRanges.at(-1);
    if (last && last[1] + 1 === range[0]) last[1] = range[1];
    else this.droppedRanges.push(range);
    if (this.droppedRanges.length > DROPPED_RANGES_MAX) this.droppedRanges.shift();
  }

  private droppedAfter(since: number): number {
    let dropped = 0;
    for (const [from, to] of this.droppedRanges) {
      if (to > since) dropped += to - Math.max(from, since + 1) + 1;
    }
    return dropped;
  }
}
