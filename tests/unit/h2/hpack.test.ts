// The HPACK decoder against the encoder it must follow in practice: nghttp2, through
// node:http2. A tap between a node:http2 client and server reads both directions; every
// header block must decode to what was sent, over many calls on one connection (the
// dynamic table fills and evicts) and with values over every byte a header value may hold.
import assert from "node:assert/strict";
import http2 from "node:http2";
import net, { type AddressInfo } from "node:net";
import { test } from "vitest";
import {
  FrameReader,
  FrameType,
  Flag,
  framePayloadContent,
} from "../../../shared/agent/h2/frames.ts";
import { HpackDecoder, literalHeader, type HeaderList } from "../../../shared/agent/h2/hpack.ts";

/** Every byte node:http2 lets into a header value (tab, printable ASCII, and 0x80-0xff). */
const VALUE_BYTES = [
  9,
  ...Array.from({ length: 95 }, (_, i) => 32 + i),
  ...Array.from({ length: 128 }, (_, i) => 128 + i),
];
const CALLS = 200;

function randomValue(random: () => number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++)
    s += String.fromCharCode(VALUE_BYTES[Math.floor(random() * VALUE_BYTES.length)] as number);
  return s.trim() || "x";
}

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Decodes every header block of one direction of the tap. */
function blocks(expectPreface: boolean): {
  feed(chunk: Buffer): void;
  lists: Map<number, HeaderList[]>;
} {
  const reader = new FrameReader(expectPreface);
  const decoder = new HpackDecoder();
  const lists = new Map<number, HeaderList[]>();
  let open: { streamId: number; parts: Buffer[] } | null = null;
  return {
    lists,
    feed(chunk) {
      reader.feed(
        chunk,
        (f) => {
          if (f.type === FrameType.HEADERS)
            open = { streamId: f.streamId, parts: [framePayloadContent(f)] };
          else if (f.type === FrameType.CONTINUATION && open) open.parts.push(f.payload);
          else return;
          if (f.flags & Flag.END_HEADERS && open) {
            const list = decoder.decode(Buffer.concat(open.parts));
            lists.set(open.streamId, [...(lists.get(open.streamId) ?? []), list]);
            open = null;
          }
        },
        () => {},
      );
    },
  };
}

test("decodes what nghttp2 encodes, both ways, over a connection's whole life", async () => {
  const random = seeded(7);
  const sent = new Map<string, Record<string, string>>();
  const server = http2.createServer();
  server.on("stream", (stream, headers) => {
    const reply = sent.get(String(headers["x-id"])) as Record<string, string>;
    stream.respond({ ":status": 200, ...reply }, { endStream: true });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const up = blocks(true);
  const down = blocks(false);
  const tap = net.createServer((client) => {
    const upstream = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
    client.on("data", (c: Buffer) => (up.feed(c), upstream.write(c)));
    upstream.on("data", (c: Buffer) => (down.feed(c), client.write(c)));
    client.on("close", () => upstream.destroy());
  });
  await new Promise<void>((r) => tap.listen(0, "127.0.0.1", r));
  const session = http2.connect(`http://127.0.0.1:${(tap.address() as AddressInfo).port}`);
  const expected = new Map<number, Record<string, string>>();
  for (let i = 0; i < CALLS; i++) {
    const mine: Record<string, string> = {
      "x-id": String(i),
      "x-repeat": "same-every-time",
      [`x-name-${i % 17}`]: randomValue(random, 1 + Math.floor(random() * 60)),
      "x-long": randomValue(random, i % 25 === 0 ? 3000 : 20),
    };
    sent.set(String(i), { "x-answer": randomValue(random, 40), "grpc-status": String(i % 17) });
    const req = session.request({ ":path": `/svc/Method${i % 5}`, ...mine }, { endStream: true });
    expected.set(2 * i + 1, mine); // a client numbers its streams 1, 3, 5, ...
    await new Promise<void>((done) => {
      req.on("response", () => {});
      req.resume();
      req.on("close", done);
    });
  }
  session.close();
  tap.close();
  server.close();
  assert.equal(up.lists.size, CALLS);
  for (const [streamId, mine] of expected) {
    const [request] = up.lists.get(streamId) as HeaderList[];
    const got = Object.fromEntries(request as HeaderList);
    for (const [name, value] of Object.entries(mine)) assert.equal(got[name], value, name);
    assert.match(got[":path"] as string, /^\/svc\/Method\d$/);
    const [response] = down.lists.get(streamId) as HeaderList[];
    const answer = Object.fromEntries(response as HeaderList);
    assert.deepEqual(
      { "x-answer": answer["x-answer"], "grpc-status": answer["grpc-status"] },
      sent.get(mine["x-id"] as string),
    );
    assert.equal(answer[":status"], "200");
  }
});

test("a literal header changes no table and reads back", () => {
  const decoder = new HpackDecoder();
  const long = "v".repeat(300);
  assert.deepEqual(
    decoder.decode(
      Buffer.concat([literalHeader("x-from", "node-2"), literalHeader("x-long", long)]),
    ),
    [
      ["x-from", "node-2"],
      ["x-long", long],
    ],
  );
  // Index 62 would be the first dynamic entry: there is none.
  assert.throws(() => decoder.decode(Buffer.from([0x80 | 62])), /not in the table/);
});
