// HTTP/2 framing (RFC 9113, section 4): cuts a byte stream into frames without copying, and
// writes the few frames the relay sends on its own.
export const CLIENT_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
export const FRAME_HEADER_BYTES = 9;
/** The largest frame payload any HTTP/2 peer must accept (SETTINGS_MAX_FRAME_SIZE's floor). */
export const FRAME_PAYLOAD_BYTES_MIN_MAX = 16_384;

export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export const Flag = {
  END_STREAM: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

export const ErrorCode = { NO_ERROR: 0x0, REFUSED_STREAM: 0x7, CANCEL: 0x8 } as const;

export interface Frame {
  type: number;
  flags: number;
  streamId: number;
  /** The payload, a view into the buffer it arrived in. */
  payload: Buffer;
  /** The whole frame (header and payload), as it arrived. */
  raw: Buffer;
}

/**
 * Cuts one direction of a connection into frames. Bytes of an unfinished frame wait for
 * the next chunk; the client's connection preface, when expected, is passed on as it is.
 */
export class FrameReader {
  private pending: Buffer | null = null;
  private prefaceLeft: number;

  constructor(expectPreface: boolean) {
    this.prefaceLeft = expectPreface ? CLIENT_PREFACE.length : 0;
  }

  /**
   * Feeds a chunk; calls `onFrame` for each complete frame, `onPreface` with the preface's
   * bytes. Returns the bytes of the complete frames, which may be passed on as they are;
   * an unfinished frame's bytes wait for the next chunk. Throws on a preface that is not
   * HTTP/2's.
   */
  feed(chunk: Buffer, onFrame: (frame: Frame) => void, onPreface: (bytes: Buffer) => void): Buffer {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (this.prefaceLeft > 0) {
      const take = Math.min(this.prefaceLeft, buf.length);
      const offset = CLIENT_PREFACE.length - this.prefaceLeft;
      if (!buf.subarray(0, take).equals(CLIENT_PREFACE.subarray(offset, offset + take))) {
        throw new Error("not an HTTP/2 connection preface");
      }
      onPreface(buf.subarray(0, take));
      this.prefaceLeft -= take;
      buf = buf.subarray(take);
    }
    let pos = 0;
    while (buf.length - pos >= FRAME_HEADER_BYTES) {
      const length = buf.readUIntBE(pos, 3);
      const end = pos + FRAME_HEADER_BYTES + length;
      if (end > buf.length) break;
      onFrame({
        type: buf[pos + 3] as number,
        flags: buf[pos + 4] as number,
        streamId: buf.readUInt32BE(pos + 5) & 0x7fffffff,
        payload: buf.subarray(pos + FRAME_HEADER_BYTES, end),
        raw: buf.subarray(pos, end),
      });
      pos = end;
    }
    if (pos < buf.length) this.pending = Buffer.from(buf.subarray(pos));
    return buf.subarray(0, pos);
  }
}

/** Adds `bytes` to `out`, joined to the last buffer when they follow it in memory. */
export function pushBytes(out: Buffer[], bytes: Buffer): void {
  const last = out[out.length - 1];
  if (last && last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) {
    out[out.length - 1] = Buffer.from(last.buffer, last.byteOffset, last.length + bytes.length);
  } else out.push(bytes);
}

export function frame(type: number, flags: number, streamId: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(FRAME_HEADER_BYTES);
  head.writeUIntBE(payload.length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(streamId & 0x7fffffff, 5);
  return Buffer.concat([head, payload]);
}

export function goawayFrame(lastStreamId: number, code: number): Buffer {
  const payload = Buffer.alloc(8);
  payload.writeUInt32BE(lastStreamId & 0x7fffffff, 0);
  payload.writeUInt32BE(code, 4);
  return frame(FrameType.GOAWAY, 0, 0, payload);
}

export function rstStreamFrame(streamId: number, code: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(code, 0);
  return frame(FrameType.RST_STREAM, 0, streamId, payload);
}

export function windowUpdateFrame(streamId: number, increment: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(increment & 0x7fffffff, 0);
  return frame(FrameType.WINDOW_UPDATE, 0, streamId, payload);
}

/** A HEADERS frame's or a DATA frame's content without its padding and priority fields. */
export function framePayloadContent(f: Frame): Buffer {
  let start = 0;
  let end = f.payload.length;
  if (f.flags & Flag.PADDED) {
    start = 1;
    end -= f.payload[0] as number;
  }
  if (f.type === FrameType.HEADERS && f.flags & Flag.PRIORITY) start += 5;
  if (end < start) throw new Error(`frame padding longer than its payload`);
  return f.payload.subarray(start, end);
}

/** A header block as HEADERS and CONTINUATION frames, none over the minimum frame size. */
export function headerFrames(streamId: number, endStream: boolean, block: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at === 0 || at < block.length; at += FRAME_PAYLOAD_BYTES_MIN_MAX) {
    const piece = block.subarray(at, at + FRAME_PAYLOAD_BYTES_MIN_MAX);
    const last = at + FRAME_PAYLOAD_BYTES_MIN_MAX >= block.length;
    const type = at === 0 ? FrameType.HEADERS : FrameType.CONTINUATION;
    const flags = (last ? Flag.END_HEADERS : 0) | (at === 0 && endStream ? Flag.END_STREAM : 0);
    out.push(frame(type, flags, streamId, piece));
  }
  return out;
}
