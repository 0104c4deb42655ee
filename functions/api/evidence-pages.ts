// Pages of the two evidence files that can be large, read as streams so one answer costs
// the API one page of memory whatever the file's size: messages.jsonl by time window and
// position in it, a node's log by byte offset, cut at a line's end.
import { createInterface } from "node:readline";
import type { MessageRecord } from "../../shared/ports/cluster.ts";
import { API_LIMITS } from "./limits.ts";
import type { EvidenceFile } from "./ports.ts";

export interface MessageQuery {
  fromMs: number;
  toMs: number;
  /** Messages of the window to skip: the previous page's nextOffset. */
  offset: number;
  limit: number;
}

export interface MessagePage {
  /** Messages that started in the window, in the whole file. */
  total: number;
  /** More of the window follow this page. */
  truncated: boolean;
  offset: number;
  /** Pass as `offset` for the next page; absent on the last. */
  nextOffset?: number;
  messages: MessageRecord[];
}

/**
 * The top-level start time without parsing: the agent writes `startMs` before any decoded
 * field (a decoded field could only hold it escaped, as `\"startMs\"`). A line in the window
 * is parsed and its time checked again; one this cannot read is parsed.
 */
const START = /"startMs":(-?[0-9.eE+-]+)/;

export async function messagePage(file: EvidenceFile, q: MessageQuery): Promise<MessagePage> {
  const messages: MessageRecord[] = [];
  let total = 0;
  let bytes = 0;
  let full = false;
  const lines = createInterface({ input: file.stream(), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const quick = START.exec(line);
    const at = quick ? Number(quick[1]) : NaN;
    if (!Number.isNaN(at) && (at < q.fromMs || at > q.toMs)) continue;
    const m = JSON.parse(line) as MessageRecord;
    if (!(m.startMs >= q.fromMs && m.startMs <= q.toMs)) continue;
    total += 1;
    if (total <= q.offset || full) continue;
    const size = Buffer.byteLength(line) + 1;
    // At least one message a page, so a page always moves on.
    if (
      messages.length >= q.limit ||
      (messages.length > 0 && bytes + size > API_LIMITS.messagePageBytesMax)
    ) {
      full = true;
      continue;
    }
    messages.push(m);
    bytes += size;
  }
  messages.sort((a, b) => a.startMs - b.startMs);
  const through = Math.min(total, q.offset) + messages.length;
  const truncated = through < total;
  return {
    total,
    truncated,
    offset: q.offset,
    ...(truncated ? { nextOffset: through } : {}),
    messages,
  };
}

export interface LogPage {
  bytes: Buffer;
  /** The offset of the next page, or null at the end. */
  next: number | null;
}

/** Bytes [offset, offset + limit) of a log, ending at the last whole line unless at its end. */
export async function logPage(file: EvidenceFile, offset: number, limit: number): Promise<LogPage> {
  const start = Math.min(offset, file.size);
  const end = Math.min(file.size, start + limit);
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream({ start, end })) chunks.push(chunk as Buffer);
  let bytes = Buffer.concat(chunks);
  if (end < file.size) {
    const lastNewline = bytes.lastIndexOf(0x0a);
    // A line longer than a page is cut where the page ends.
    if (lastNewline >= 0) bytes = bytes.subarray(0, lastNewline + 1);
  }
  const next = start + bytes.length;
  return { bytes, next: next < file.size ? next : null };
}
