// The fast path's relay on its own, between raw HTTP/2 frames and a node:http2 server: it
// records calls and appends its header; after a GOAWAY it refuses streams the client opens
// (and gives their flow-control credit back) while the calls it forwarded finish.
import assert from "node:assert/strict";
import http2 from "node:http2";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, test } from "vitest";
import {
  CLIENT_PREFACE,
  ErrorCode,
  Flag,
  FrameReader,
  FrameType,
  frame,
  headerFrames,
  type Frame,
} from "../../../shared/agent/h2/frames.ts";
import { FastListener } from "../../../shared/agent/h2/fast-listener.ts";
import { literalHeader } from "../../../shared/agent/h2/hpack.ts";
import { Recorder } from "../../../shared/agent/recorder.ts";

const recorder = new Recorder(null);
const seen: http2.IncomingHttpHeaders[] = [];
let upstream: http2.Http2Server;
let full: http2.Http2Server;
let listener: FastListener;
let fastNow = true;

beforeAll(async () => {
  upstream = http2.createServer();
  upstream.on("stream", (stream, headers) => {
    seen.push(headers);
    stream.on("data", () => {});
    stream.on("end", () => {
      stream.respond(
        { ":status": 200, "content-type": "application/grpc" },
        { waitForTrailers: true },
      );
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(Buffer.from([0, 0, 0, 0, 1, 8]));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  full = http2.createServer();
  full.on("stream", (stream) =>
    stream.respond({ ":status": 200, "grpc-status": "14" }, { endStream: true }),
  );
  listener = new FastListener(full, {
    upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port },
    fast: () => fastNow,
    hooks: {
      recorder,
      inject: literalHeader("x-clusterjudge-from", "node-7"),
      begin: (headers) =>
        recorder.begin("node-7", "node-8", headers.find(([n]) => n === ":path")?.[1] ?? ""),
    },
  });
  await listener.listen("127.0.0.1", 0);
});
afterAll(() => {
  listener.close();
  upstream.close();
  full.close();
});

const port = () => (listener.server.address() as AddressInfo).port;

test("a call through the relay is recorded, with the header appended for the upstream", async () => {
  recorder.clear();
  const session = http2.connect(`http://127.0.0.1:${port()}`);
  const req = session.request({
    ":method": "POST",
    ":path": "/raft.ConsensusNode/RequestVote",
    "grpc-timeout": "5S",
  });
  req.end(Buffer.from([0, 0, 0, 0, 2, 8, 1]));
  const trailers = await new Promise<http2.IncomingHttpHeaders>((done) => {
    req.on("trailers", done);
    req.resume();
  });
  session.close();
  assert.equal(trailers["grpc-status"], "0");
  assert.equal(seen.at(-1)?.["x-clusterjudge-from"], "node-7");
  await new Promise((r) => setTimeout(r, 50));
  const [record] = recorder.messages(0).items;
  assert.deepEqual(
    { ...record, startMs: 0, endMs: 0, seq: 0 },
    {
      seq: 0,
      from: "node-7",
      to: "node-8",
      method: "/raft.ConsensusNode/RequestVote",
      startMs: 0,
      endMs: 0,
      requestBytes: 7,
      responseBytes: 6,
      status: 0,
    },
  );
  assert.equal(listener.fullCount, 0);
});

/** A raw HTTP/2 client: writes frames, collects what comes back. */
async function rawClient() {
  const socket = net.connect(port(), "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  const frames: Frame[] = [];
  const reader = new FrameReader(false);
  socket.on(
    "data",
    (c: Buffer) =>
      void reader.feed(
        c,
        (f) => frames.push({ ...f, payload: Buffer.from(f.payload) }),
        () => {},
      ),
  );
  const waitFor = async (match: (f: Frame) => boolean) => {
    for (let i = 0; i < 400; i++) {
      const hit = frames.find(match);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail(`no such frame among ${frames.map((f) => `${f.type}/${f.streamId}`).join(" ")}`);
  };
  const request = (id: number) =>
    headerFrames(
      id,
      false,
      Buffer.concat(
        [
          [":method", "POST"],
          [":scheme", "http"],
          [":path", "/s/M"],
          [":authority", "x"],
        ].map(([n, v]) => literalHeader(n as string, v as string)),
      ),
    );
  return { socket, frames, waitFor, request };
}

test("after a GOAWAY, new streams are refused and credited; forwarded ones finish", async () => {
  const c = await rawClient();
  c.socket.write(
    Buffer.concat([
      CLIENT_PREFACE,
      frame(FrameType.SETTINGS, 0, 0, Buffer.alloc(0)),
      ...c.request(1),
    ]),
  );
  await new Promise((r) => setTimeout(r, 100)); // stream 1 reaches the upstream
  fastNow = false;
  listener.reconsider();
  const goaway = await c.waitFor((f) => f.type === FrameType.GOAWAY);
  assert.equal(goaway.payload.readUInt32BE(0), 1, "last stream: the one forwarded");
  // The client had not seen the GOAWAY yet: stream 3 with 100 bytes of DATA.
  c.socket.write(
    Buffer.concat([...c.request(3), frame(FrameType.DATA, Flag.END_STREAM, 3, Buffer.alloc(100))]),
  );
  const reset = await c.waitFor((f) => f.type === FrameType.RST_STREAM && f.streamId === 3);
  assert.equal(reset.payload.readUInt32BE(0), ErrorCode.REFUSED_STREAM);
  const credit = await c.waitFor(
    (f) =>
      f.type === FrameType.WINDOW_UPDATE && f.streamId === 0 && f.payload.readUInt32BE(0) === 100,
  );
  assert.ok(credit);
  // Stream 1 still completes on the upstream.
  c.socket.write(frame(FrameType.DATA, Flag.END_STREAM, 1, Buffer.alloc(0)));
  const done = await c.waitFor(
    (f) => f.type === FrameType.HEADERS && f.streamId === 1 && (f.flags & Flag.END_STREAM) !== 0,
  );
  assert.ok(done);
  assert.equal(
    seen.filter((h) => h[":path"] === "/s/M").length,
    1,
    "stream 3 never reached the upstream",
  );
  c.socket.destroy();
  fastNow = true;
});

test("a GOAWAY written while an upstream frame is half through waits for its end", async () => {
  // The upstream sends a PING frame in two pieces; the relay drains between them.
  const ping = frame(FrameType.PING, 0, 0, Buffer.alloc(8, 7));
  let sendRest: () => void = () => {};
  const raw = net.createServer((socket) => {
    socket.once("data", () => {
      socket.write(ping.subarray(0, 5));
      sendRest = () => socket.write(ping.subarray(5));
    });
  });
  await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
  const split = new FastListener(full, {
    upstream: { host: "127.0.0.1", port: (raw.address() as AddressInfo).port },
    fast: () => fastNow,
    hooks: { recorder, inject: null, begin: () => null },
  });
  await split.listen("127.0.0.1", 0);
  const socket = net.connect((split.server.address() as AddressInfo).port, "127.0.0.1");
  socket.on("error", () => {});
  afterAll(() => {
    socket.destroy();
    split.close();
    raw.close();
  });
  const received: Buffer[] = [];
  socket.on("data", (c: Buffer) => received.push(c));
  socket.write(Buffer.concat([CLIENT_PREFACE, frame(FrameType.SETTINGS, 0, 0, Buffer.alloc(0))]));
  await new Promise((r) => setTimeout(r, 100)); // the first piece reached the relay
  fastNow = false;
  split.reconsider();
  sendRest();
  await new Promise((r) => setTimeout(r, 100));
  fastNow = true;
  const types: number[] = [];
  new FrameReader(false).feed(
    Buffer.concat(received),
    (f) => types.push(f.type),
    () => {},
  );
  assert.deepEqual(types, [FrameType.GOAWAY, FrameType.PING]);
});
