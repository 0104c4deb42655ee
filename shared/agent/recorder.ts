// The message log and per-method counters. A call is counted when it enters the agent and
// logged when it ends (so a read never returns a half-finished record); its first request
// and response messages are decoded just after, off the path that forwards them.
import type { MessageRecord, Page } from "../ports/cluster.ts";
import { nowMs } from "./clock.ts";
import type { MessageDecoder } from "./decoder.ts";
import { DECODE_PENDING_MAX, MESSAGE_PAGE_ITEMS_MAX, MESSAGE_RECORDS_MAX } from "./limits.ts";
import { Ring } from "./ring.ts";

interface PendingDecode {
  record: MessageRecord;
  request: Buffer | null;
  response: Buffer | null;
}

export class Recorder {
  private readonly ring = new Ring<MessageRecord>(MESSAGE_RECORDS_MAX);
  private counts = new Map<string, number>();
  private pending: PendingDecode[] = [];
  private drainScheduled = false;

  constructor(private readonly decoder: MessageDecoder | null) {}

  /** Whether calls of this method carry messages worth capturing for decoding. */
  decodes(method: string): boolean {
    return this.decoder?.has(method) ?? false;
  }

  begin(from: string, to: string, method: string): MessageRecord {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    return {
      seq: 0,
      from,
      to,
      method,
      startMs: nowMs(),
      endMs: null,
      requestBytes: 0,
      responseBytes: 0,
      status: null,
    };
  }

  finish(record: MessageRecord, request: Buffer | null, response: Buffer | null): void {
    record.endMs = nowMs();
    record.seq = this.ring.push(record);
    if (!request && !response) return;
    this.pending.push({ record, request, response });
    if (this.pending.length >= DECODE_PENDING_MAX) this.drain();
    else if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => this.drain());
    }
  }

  messages(since: number): Page<MessageRecord> {
    this.drain();
    return this.ring.read(since, MESSAGE_PAGE_ITEMS_MAX);
  }

  counters(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.drain();
    this.ring.clear();
    this.counts = new Map();
  }

  private drain(): void {
    this.drainScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const decoder = this.decoder;
    if (!decoder) return;
    for (const { record, request, response } of batch) {
      if (request) record.request = decoder.decode(record.method, "request", request);
      if (response) record.response = decoder.decode(record.method, "response", response);
    }
  }
}
