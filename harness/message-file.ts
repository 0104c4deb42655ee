// A scenario's messages on disk, not in the judge's memory. While the scenario runs, the
// spool appends each message to a file as the poller reads it, up to the judge's caps
// (caps.ts), and remembers only where each one starts and ends; when it stops, it writes
// messages.jsonl by start time from that spool and hands the checks a MessageFile, which
// reads the file again on each pass. Memory: three numbers a message while the scenario
// runs, one line at a time while a check reads.
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from "node:fs";
import type { MessageRecord, Messages } from "../shared/ports/cluster.ts";
import { MESSAGE_CAPS, type MessageCaps } from "./caps.ts";
import { CHUNK_BYTES, readJsonLines } from "./json-lines.ts";

/** messages.jsonl (one JSON record a line) as the checks read it: a pass is a read. */
export class MessageFile implements Messages {
  constructor(
    readonly path: string,
    readonly length: number,
  ) {}

  *[Symbol.iterator](): Iterator<MessageRecord> {
    yield* readJsonLines(this.path) as Generator<MessageRecord>;
  }

  filter(keep: (m: MessageRecord) => boolean): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (const m of this) if (keep(m)) out.push(m);
    return out;
  }

  find(match: (m: MessageRecord) => boolean): MessageRecord | undefined {
    for (const m of this) if (match(m)) return m;
    return undefined;
  }

  some(match: (m: MessageRecord) => boolean): boolean {
    return this.find(match) !== undefined;
  }
}

/**
 * Writes messages as they come to `${path}.spool`, until a cap is reached; counts the rest.
 * `finish` sorts them into `path`.
 */
export class MessageSpool {
  /** Bytes kept, as messages.jsonl holds them (a record and its newline each). */
  bytes = 0;
  /** Messages that came after a cap was reached. */
  notKept = 0;
  private readonly starts: number[] = [];
  private readonly offsets: number[] = [];
  private readonly sizes: number[] = [];
  private fd: number | null;
  private readonly spoolPath: string;

  constructor(
    readonly path: string,
    private readonly caps: MessageCaps = MESSAGE_CAPS,
  ) {
    this.spoolPath = `${path}.spool`;
    this.fd = openSync(this.spoolPath, "w");
  }

  /** Messages kept so far. */
  get kept(): number {
    return this.starts.length;
  }

  add(batch: readonly MessageRecord[]): void {
    if (this.fd === null) throw new Error("the message spool is finished");
    const lines: string[] = [];
    for (const m of batch) {
      // What is kept is a prefix of what came: past a cap, nothing more is.
      if (this.notKept === 0 && this.kept < this.caps.records) {
        const line = JSON.stringify(m) + "\n";
        const size = Buffer.byteLength(line);
        if (this.bytes + size <= this.caps.bytes) {
          this.starts.push(m.startMs);
          this.offsets.push(this.bytes);
          this.sizes.push(size);
          this.bytes += size;
          lines.push(line);
          continue;
        }
      }
      this.notKept += 1;
    }
    if (lines.length) writeSync(this.fd, lines.join(""));
  }

  /** Writes `path` by start time (ties in the order read), removes the spool, and reads it. */
  finish(): MessageFile {
    this.close();
    const order = this.starts.map((_, i) => i);
    order.sort((a, b) => this.starts[a]! - this.starts[b]! || a - b);
    const src = openSync(this.spoolPath, "r");
    const out = openSync(this.path, "w");
    try {
      let chunk = Buffer.alloc(CHUNK_BYTES);
      let used = 0;
      for (const i of order) {
        const size = this.sizes[i]!;
        if (used + size > chunk.length) {
          writeSync(out, chunk, 0, used);
          used = 0;
          if (size > chunk.length) chunk = Buffer.alloc(size);
        }
        readSync(src, chunk, used, size, this.offsets[i]!);
        used += size;
      }
      if (used) writeSync(out, chunk, 0, used);
    } finally {
      closeSync(src);
      closeSync(out);
    }
    unlinkSync(this.spoolPath);
    return new MessageFile(this.path, this.kept);
  }

  /** Drops the spool unsorted: the scenario ended in an error, and its evidence is not kept. */
  discard(): void {
    if (this.fd === null) return;
    this.close();
    rmSync(this.spoolPath, { force: true });
  }

  private close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
