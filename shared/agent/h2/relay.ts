// The agent's fast path: relays one HTTP/2 connection byte for byte to one upstream
// connection, reading (not terminating) the protocol. Settings, flow control and pings stay
// end to end; the relay decodes every header block to keep HPACK's tables in step, records
// each call (method, bytes, status, first messages) and may append one literal header to
// each request. It applies no faults: a connection whose link has rules goes to the full
// proxy instead, and `drain` (a GOAWAY) moves a live one there.
import type { Socket } from "node:net";
import type { MessageRecord } from "../../ports/cluster.ts";
import { nowMs } from "../clock.ts";
import { FirstMessage, GRPC_STATUS, parseGrpcTimeoutMs } from "../grpc-wire.ts";
import type { Recorder } from "../recorder.ts";
import type { CallWatch } from "../triggers.ts";
import {
  ErrorCode,
  Flag,
  FrameReader,
  FrameType,
  framePayloadContent,
  goawayFrame,
  headerFrames,
  pushBytes,
  rstStreamFrame,
  windowUpdateFrame,
  type Frame,
} from "./frames.ts";
import { HpackDecoder, headerValue, type HeaderList } from "./hpack.ts";

export interface RelayHooks {
  recorder: Recorder;
  /** Opens the record of a new call from its request headers; null: not recorded. */
  begin(headers: HeaderList): MessageRecord | null;
  /** Appended to every request's header block (a literal no table keeps), or null. */
  inject: Buffer | null;
  /** The trigger rules that may apply to a new call, or null (see triggers.ts). */
  watch?(headers: HeaderList, record: MessageRecord | null): CallWatch | null;
}

interface Call {
  record: MessageRecord | null;
  request: FirstMessage | null;
  response: FirstMessage | null;
  deadlineMs: number | null;
  watch: CallWatch | null;
  /** The watch has seen the call's start. */
  started: boolean;
}

/** gRPC's reading of a reset stream (as grpc-js and grpc-core map RST_STREAM codes). */
const RESET_STATUS: Record<number, number> = {
  [ErrorCode.REFUSED_STREAM]: GRPC_STATUS.UNAVAILABLE,
  [ErrorCode.CANCEL]: GRPC_STATUS.CANCELLED,
};
const { INTERNAL } = GRPC_STATUS;

/** One direction's header block, gathered from HEADERS and its CONTINUATIONs. */
class BlockReader {
  private open: { first: Frame; raw: Buffer[]; parts: Buffer[] } | null = null;
  private readonly decoder = new HpackDecoder();

  /** Returns the finished block's frames and headers, or null while it is incomplete. */
  take(f: Frame): { first: Frame; raw: Buffer[]; block: Buffer; headers: HeaderList } | null {
    if (f.type === FrameType.HEADERS) {
      this.open = { first: f, raw: [f.raw], parts: [framePayloadContent(f)] };
    } else if (this.open) {
      this.open.raw.push(f.raw);
      this.open.parts.push(f.payload);
    } else throw new Error("CONTINUATION without HEADERS");
    if (!(f.flags & Flag.END_HEADERS)) return null;
    const { first, raw, parts } = this.open;
    this.open = null;
    const block = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    return { first, raw, block, headers: this.decoder.decode(block) };
  }
}

export class RawRelay {
  private readonly calls = new Map<number, Call>();
  /** Streams opened after the GOAWAY: never forwarded, their frames dropped. */
  private readonly refused = new Set<number>();
  private readonly fromClient = new FrameReader(true);
  private readonly fromUpstream = new FrameReader(false);
  private readonly requestBlocks = new BlockReader();
  private readonly responseBlocks = new BlockReader();
  private lastForwarded = 0;
  /** The headers of the connection's first call, once it made one. */
  firstHeaders: HeaderList | null = null;
  private goawayLast: number | null = null;
  private closed = false;
  /** Trigger checks to run once the bytes read with them were written on. */
  private afterWrite: (() => void)[] = [];

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly hooks: RelayHooks,
    private readonly onClose: () => void,
  ) {
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const after = (written: boolean) => this.runAfterWrite(written);
    pipe(client, upstream, (chunk) => this.clientChunk(chunk), after);
    pipe(upstream, client, (chunk) => this.upstreamChunk(chunk), after);
    client.on("error", () => this.close(false));
    client.on("close", () => this.close(false));
    upstream.on("error", () => this.close(true));
    upstream.on("close", () => this.close(true));
  }

  /** Asks the client to take new calls elsewhere; calls already forwarded run to their end. */
  drain(): void {
    if (this.goawayLast !== null || this.closed) return;
    this.goawayLast = this.lastForwarded;
    this.client.write(goawayFrame(this.goawayLast, ErrorCode.NO_ERROR));
    this.endIfIdle();
  }

  /** Ends both connections; calls still open failed (the upstream went) or were abandoned. */
  close(upstreamWent: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.upstream.destroy();
    const status = upstreamWent ? GRPC_STATUS.UNAVAILABLE : null;
    for (const call of this.calls.values()) this.finish(call, status);
    this.calls.clear();
    this.onClose();
  }

  /** The bytes to pass upstream for a chunk from the client (answers go straight back). */
  private clientChunk(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    const back: Buffer[] = [];
    try {
      this.fromClient.feed(
        chunk,
        (f) => this.clientFrame(f, out, back),
        (preface) => pushBytes(out, preface),
      );
    } catch {
      this.close(false); // not HTTP/2, or headers we cannot follow: no way to relay it faithfully
      return [];
    }
    if (back.length) this.write(this.client, back);
    return out;
  }

  private clientFrame(f: Frame, out: Buffer[], back: Buffer[]): void {
    if (this.refused.has(f.streamId)) {
      // (A WINDOW_UPDATE of 0 would be a protocol error: empty DATA needs no credit.)
      if (f.type === FrameType.DATA && f.payload.length > 0) {
        back.push(windowUpdateFrame(0, f.payload.length));
      }
      if (f.type === FrameType.RST_STREAM || f.flags & Flag.END_STREAM)
        this.refused.delete(f.streamId);
      return;
    }
    if (f.type === FrameType.HEADERS || f.type === FrameType.CONTINUATION) {
      const done = this.requestBlocks.take(f);
      if (done) this.requestBlock(done, out, back);
      return;
    }
    const call = this.calls.get(f.streamId);
    if (call && f.type === FrameType.DATA) {
      const content = framePayloadContent(f);
      if (call.record) call.record.requestBytes += content.length;
      call.request?.feed(content);
      if (call.watch && f.flags & Flag.END_STREAM) this.started(call);
    } else if (call && f.type === FrameType.RST_STREAM) {
      this.finish(call, null);
      this.calls.delete(f.streamId);
      this.endIfIdle();
    }
    pushBytes(out, f.raw);
  }

  private requestBlock(
    done: NonNullable<ReturnType<BlockReader["take"]>>,
    out: Buffer[],
    back: Buffer[],
  ): void {
    const { first, raw, block, headers } = done;
    const id = first.streamId;
    const endStream = (first.flags & Flag.END_STREAM) !== 0;
    if (this.calls.has(id) || id <= this.lastForwarded) {
      for (const bytes of raw) pushBytes(out, bytes); // a request's trailers, or a late frame
      const call = this.calls.get(id);
      if (call?.watch && endStream) this.started(call);
      return;
    }
    if (this.goawayLast !== null) {
      back.push(rstStreamFrame(id, ErrorCode.REFUSED_STREAM));
      if (!endStream) this.refused.add(id);
      return;
    }
    this.lastForwarded = id;
    this.firstHeaders ??= headers;
    const call = this.openCall(headers);
    this.calls.set(id, call);
    if (call.watch && endStream) this.started(call); // a request without a message
    const inject = this.hooks.inject;
    if (inject) out.push(...headerFrames(id, endStream, Buffer.concat([block, inject])));
    else for (const bytes of raw) pushBytes(out, bytes);
  }

  private openCall(headers: HeaderList): Call {
    const record = this.hooks.begin(headers);
    const decodes = record !== null && this.hooks.recorder.decodes(record.method);
    const watch = this.hooks.watch?.(headers, record) ?? null;
    const timeoutMs = parseGrpcTimeoutMs(headerValue(headers, "grpc-timeout"));
    return {
      record,
      request: decodes || watch?.capturesRequest ? new FirstMessage() : null,
      response: decodes || watch?.capturesResponse ? new FirstMessage() : null,
      deadlineMs: timeoutMs === null ? null : nowMs() + timeoutMs,
      watch,
      started: false,
    };
  }

  /** The caller's request is whole: its start triggers run once it is passed on. */
  private started(call: Call): void {
    if (call.started) return;
    call.started = true;
    const watch = call.watch as CallWatch;
    const request = call.request?.message ?? null;
    this.afterWrite.push(() => watch.start(request).fire());
  }

  /** Runs the trigger checks of the bytes just written (dropped when they were not). */
  private runAfterWrite(written: boolean): void {
    if (this.afterWrite.length === 0) return;
    const pending = this.afterWrite;
    this.afterWrite = [];
    if (written) for (const run of pending) run();
  }

  /** Passes whole frames only, so a frame the relay writes never lands inside another. */
  private upstreamChunk(chunk: Buffer): Buffer[] {
    try {
      const whole = this.fromUpstream.feed(
        chunk,
        (f) => this.upstreamFrame(f),
        () => {},
      );
      return whole.length ? [whole] : [];
    } catch {
      this.close(true);
      return [];
    }
  }

  private upstreamFrame(f: Frame): void {
    if (f.type === FrameType.HEADERS || f.type === FrameType.CONTINUATION) {
      const done = this.responseBlocks.take(f);
      const call = done && this.calls.get(done.first.streamId);
      if (done && call && done.first.flags & Flag.END_STREAM) {
        const value = headerValue(done.headers, "grpc-status");
        const status = value === undefined ? INTERNAL : Number(value);
        this.end(done.first.streamId, call, status);
        const watch = call.watch;
        if (watch) {
          const request = call.request?.message ?? null;
          const response = call.response?.message ?? null;
          this.afterWrite.push(() => watch.complete(request, response, status));
        }
      }
      return;
    }
    const call = this.calls.get(f.streamId);
    if (!call) return;
    if (f.type === FrameType.DATA) {
      const content = framePayloadContent(f);
      if (call.record) call.record.responseBytes += content.length;
      call.response?.feed(content);
      if (f.flags & Flag.END_STREAM) this.end(f.streamId, call, INTERNAL); // no trailers
    } else if (f.type === FrameType.RST_STREAM) {
      this.end(f.streamId, call, RESET_STATUS[f.payload.readUInt32BE(0)] ?? INTERNAL);
    }
  }

  private end(id: number, call: Call, status: number): void {
    this.finish(call, status);
    this.calls.delete(id);
    this.endIfIdle();
  }

  /** Closes the record; `status` null means the caller gave up (deadline or cancel). */
  private finish(call: Call, status: number | null): void {
    const record = call.record;
    if (!record) return;
    if (record.status === null) {
      if (status !== null && Number.isInteger(status)) record.status = status;
      else {
        const late = call.deadlineMs !== null && nowMs() >= call.deadlineMs - 1;
        record.status = late ? GRPC_STATUS.DEADLINE_EXCEEDED : GRPC_STATUS.CANCELLED;
      }
    }
    this.hooks.recorder.finish(
      record,
      call.request?.message ?? null,
      call.response?.message ?? null,
    );
  }

  /** After a GOAWAY, the connection ends once its last call has. */
  private endIfIdle(): void {
    if (this.goawayLast === null || this.calls.size > 0 || this.closed) return;
    setImmediate(() => {
      if (this.calls.size > 0 || this.closed) return;
      this.client.end();
      this.upstream.end();
    });
  }

  private write(to: Socket, buffers: Buffer[]): void {
    if (buffers.length > 0 && !to.destroyed) to.write(joined(buffers));
  }
}

/**
 * Moves chunks from one socket to the other through `transform`, with backpressure; then
 * `after` (whether the output, if any, was handed to the socket).
 */
function pipe(
  from: Socket,
  to: Socket,
  transform: (chunk: Buffer) => Buffer[],
  after: (written: boolean) => void,
): void {
  from.on("data", (chunk: Buffer) => {
    const out = transform(chunk);
    if (to.destroyed) return after(false);
    if (out.length > 0 && !to.write(joined(out))) from.pause();
    after(true);
  });
  to.on("drain", () => from.resume());
  from.on("end", () => to.end());
}

function joined(buffers: Buffer[]): Buffer {
  return buffers.length === 1 ? (buffers[0] as Buffer) : Buffer.concat(buffers);
}
