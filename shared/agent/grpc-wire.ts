// The few pieces of the gRPC wire format the proxy reads: the deadline header, status
// codes, and the first length-prefixed message of a stream (to decode it later).
import { DECODE_MESSAGE_BYTES_MAX } from "./limits.ts";

export const GRPC_STATUS = {
  OK: 0,
  CANCELLED: 1,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** grpc-message's encoding: printable ASCII stays, anything else (and "%") is %XX of UTF-8. */
export function encodeGrpcMessage(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const TIMEOUT_UNIT_MS: Record<string, number> = {
  H: 3_600_000,
  M: 60_000,
  S: 1_000,
  m: 1,
  u: 0.001,
  n: 0.000001,
};

/** `grpc-timeout: 250m` → 250; absent or malformed → null (no deadline). */
export function parseGrpcTimeoutMs(value: string | string[] | undefined): number | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{1,8})([HMSmun])$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * (TIMEOUT_UNIT_MS[match[2] as string] ?? 0);
}

/** A remaining deadline as a header value, never zero (0 would mean "already expired"). */
export function formatGrpcTimeout(ms: number): string {
  return `${Math.min(99_999_999, Math.max(1, Math.ceil(ms)))}m`;
}

const PREFIX_BYTES = 5;

/**
 * Collects the first message of a stream from its DATA chunks. Stops (and keeps nothing)
 * when the message is compressed or larger than the decode limit.
 */
export class FirstMessage {
  private chunks: Buffer[] = [];
  private have = 0;
  /** Prefix plus message length, once the prefix has arrived. */
  private expected: number | null = null;
  private done = false;
  message: Buffer | null = null;

  feed(chunk: Buffer): void {
    if (this.done) return;
    this.chunks.push(chunk);
    this.have += chunk.length;
    if (this.expected === null) {
      if (this.have < PREFIX_BYTES) return;
      const head = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks);
      const length = head.readUInt32BE(1);
      if (head[0] !== 0 || length > DECODE_MESSAGE_BYTES_MAX) return this.finish(null);
      this.expected = PREFIX_BYTES + length;
    }
    if (this.have < this.expected) return;
    const all = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks);
    this.finish(all.subarray(PREFIX_BYTES, this.expected));
  }

  private finish(message: Buffer | null): void {
    this.message = message;
    this.done = true;
    this.chunks = [];
  }
}
