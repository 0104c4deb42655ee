// The Raft log: in memory for reads, on disk as an append-only file of checksummed records
// [body length u32][crc32 u32][index u64][term u64][command]. Appends are written at once and
// made durable by sync() (one fsync for a whole batch); truncation is fsynced before anything
// is written after it. On open, the file is read up to the first torn or invalid record, which
// can only be an append that was never fsynced, hence never acknowledged, and is cut off.
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";

export interface Entry {
  term: number;
  command: Buffer;
}

const headerBytes = 8;
const fixedBodyBytes = 16;

export class LogFile {
  private readonly terms: number[] = [];
  private readonly commands: Buffer[] = [];
  /** offsets[i] is where the record of index i+1 starts in the file. */
  private readonly offsets: number[] = [];
  private sizeBytes = 0;
  private synced = 0;

  private constructor(private readonly fd: number) {}

  /** Opens (or creates) the log in dir; `dropped` counts the bytes of a cut-off torn tail. */
  static open(dir: string): { log: LogFile; droppedBytes: number } {
    const path = join(dir, "log.bin");
    const data = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const log = new LogFile(openSync(path, "a+"));
    let at = 0;
    while (at + headerBytes + fixedBodyBytes <= data.length) {
      const bodyBytes = data.readUInt32LE(at);
      const body = data.subarray(at + headerBytes, at + headerBytes + bodyBytes);
      if (bodyBytes < fixedBodyBytes || body.length < bodyBytes) break;
      if (crc32(body) !== data.readUInt32LE(at + 4)) break;
      const index = Number(body.readBigUInt64LE(0));
      const term = Number(body.readBigUInt64LE(8));
      if (index !== log.lastIndex + 1 || term < log.termAt(log.lastIndex)) break;
      log.remember(term, Buffer.from(body.subarray(fixedBodyBytes)), at);
      at += headerBytes + bodyBytes;
    }
    if (at < data.length) {
      ftruncateSync(log.fd, at);
      fsyncSync(log.fd);
    }
    log.sizeBytes = at;
    log.synced = log.lastIndex;
    return { log, droppedBytes: data.length - at };
  }

  get lastIndex(): number {
    return this.terms.length;
  }

  /** The highest index known to be on disk: what a leader may count as its own copy. */
  get durableIndex(): number {
    return this.synced;
  }

  /** Term of entry `index`; 0 for index 0, the place before the first entry. */
  termAt(index: number): number {
    if (index === 0) return 0;
    const term = this.terms[index - 1];
    if (term === undefined) throw new RangeError(`no log entry ${index} (last ${this.lastIndex})`);
    return term;
  }

  entry(index: number): Entry {
    return { term: this.termAt(index), command: this.commands[index - 1] as Buffer };
  }

  /** Entries from `from` on, as many as fit in one message. */
  slice(from: number, entriesMax: number, bytesMax: number): Entry[] {
    const out: Entry[] = [];
    let bytes = 0;
    for (let i = from; i <= this.lastIndex && out.length < entriesMax; i++) {
      const entry = this.entry(i);
      bytes += entry.command.length;
      if (out.length > 0 && bytes > bytesMax) break;
      out.push(entry);
    }
    return out;
  }

  /** Writes entries after the last one; durable only after sync(). Returns the new last index. */
  append(entries: Entry[]): number {
    const records = entries.map((e, i) => encodeRecord(this.lastIndex + 1 + i, e));
    const bytes = Buffer.concat(records);
    // A short write (disk full) would leave the file and memory apart: stop the node instead.
    if (writeSync(this.fd, bytes) !== bytes.length) throw new Error("short write to the log");
    for (const [i, e] of entries.entries()) {
      this.remember(e.term, e.command, this.sizeBytes);
      this.sizeBytes += (records[i] as Buffer).length;
    }
    return this.lastIndex;
  }

  sync(): void {
    if (this.synced === this.lastIndex) return;
    fsyncSync(this.fd);
    this.synced = this.lastIndex;
  }

  /** Removes entry `index` and every later one, durably; returns what was removed. */
  truncateFrom(index: number): Entry[] {
    const removed: Entry[] = [];
    for (let i = index; i <= this.lastIndex; i++) removed.push(this.entry(i));
    this.sizeBytes = this.offsets[index - 1] as number;
    ftruncateSync(this.fd, this.sizeBytes);
    fsyncSync(this.fd);
    this.terms.length = index - 1;
    this.commands.length = index - 1;
    this.offsets.length = index - 1;
    this.synced = Math.min(this.synced, index - 1);
    return removed;
  }

  /** The first index holding `term`, given that some index does. */
  firstIndexOfTerm(term: number): number {
    return this.countTermsBelow(term) + 1;
  }

  /** The last index at or before `upTo` holding `term`, or 0 when there is none. */
  lastIndexOfTerm(term: number, upTo: number): number {
    const last = Math.min(upTo, this.countTermsBelow(term + 1));
    return last > 0 && this.termAt(last) === term ? last : 0;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** How many entries have a term below `term` (terms never decrease along the log). */
  private countTermsBelow(term: number): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.terms[mid] as number) < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private remember(term: number, command: Buffer, offset: number): void {
    this.terms.push(term);
    this.commands.push(command);
    this.offsets.push(offset);
  }
}

function encodeRecord(index: number, entry: Entry): Buffer {
  const body = Buffer.alloc(fixedBodyBytes + entry.command.length);
  body.writeBigUInt64LE(BigInt(index), 0);
  body.writeBigUInt64LE(BigInt(entry.term), 8);
  entry.command.copy(body, fixedBodyBytes);
  const header = Buffer.alloc(headerBytes);
  header.writeUInt32LE(body.length, 0);
  header.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([header, body]);
}
