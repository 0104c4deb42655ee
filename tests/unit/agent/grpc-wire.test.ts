import { test } from "vitest";
import assert from "node:assert/strict";
import {
  FirstMessage,
  encodeGrpcMessage,
  formatGrpcTimeout,
  parseGrpcTimeoutMs,
} from "../../../shared/agent/grpc-wire.ts";

test("grpc-timeout in every unit, and malformed ones ignored", () => {
  assert.equal(parseGrpcTimeoutMs("250m"), 250);
  assert.equal(parseGrpcTimeoutMs("2S"), 2000);
  assert.equal(parseGrpcTimeoutMs("1M"), 60_000);
  assert.equal(parseGrpcTimeoutMs("1H"), 3_600_000);
  assert.equal(parseGrpcTimeoutMs("5000u"), 5);
  assert.equal(parseGrpcTimeoutMs("7000000n"), 7);
  assert.equal(parseGrpcTimeoutMs("123456789m"), null, "at most 8 digits");
  assert.equal(parseGrpcTimeoutMs("10x"), null);
  assert.equal(parseGrpcTimeoutMs(undefined), null);
  assert.equal(formatGrpcTimeout(12.2), "13m");
  assert.equal(formatGrpcTimeout(-5), "1m", "an expired deadline still reaches the node");
});

test("grpc-message keeps printable ASCII and percent-encodes the rest", () => {
  assert.equal(encodeGrpcMessage("link: refused"), "link: refused");
  assert.equal(encodeGrpcMessage("100% é"), "100%25 %C3%A9");
});

function frame(message: Buffer, compressed = 0): Buffer {
  const head = Buffer.alloc(5);
  head[0] = compressed;
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

test("the first message is found across chunk boundaries, the rest ignored", () => {
  const message = Buffer.from("hello, raft");
  const bytes = Buffer.concat([frame(message), frame(Buffer.from("second"))]);
  for (const cuts of [[bytes.length], [1, 3, 7], [5], [16]]) {
    const capture = new FirstMessage();
    let at = 0;
    for (const cut of [...cuts, bytes.length]) {
      if (cut > at) capture.feed(bytes.subarray(at, cut));
      at = Math.max(at, cut);
    }
    assert.deepEqual(capture.message, message, `cut at ${cuts}`);
  }
});

test("a compressed message is not captured", () => {
  const capture = new FirstMessage();
  capture.feed(frame(Buffer.from("zz"), 1));
  assert.equal(capture.message, null);
});
