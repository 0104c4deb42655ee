// The reference's node and sender, in process: a retried broadcast and a resent gossip change
// nothing, gossip is held but not relayed, what was acknowledged (values and outboxes) is on
// disk for the next start, and a sender resends until acknowledged, then stays silent.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { BroadcastNode } from "../reference/typescript/broadcast-node.ts";
import { PeerSender } from "../reference/typescript/peer-sender.ts";
import type { GossipRequest, PeerClient } from "../reference/typescript/proto.ts";
import { ValuesFile } from "../reference/typescript/values-file.ts";

const work = mkdtempSync(join(tmpdir(), "gossip-broadcast-reference-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PEERS = ["node-1", "node-2"];

test("values are held once, gossip is not relayed, a restart keeps values and outboxes", () => {
  const dir = mkdtempSync(join(work, "node-"));
  let grew = 0;
  const node = new BroadcastNode(PEERS, new ValuesFile(dir), () => grew++);
  node.broadcast(7);
  node.broadcast(7);
  node.gossip({ from: "node-1", messages: [8, 7] });
  node.gossip({ from: "node-1", messages: [8] });
  assert.deepEqual(node.values(), [7, 8]);
  assert.equal(grew, 1);
  assert.deepEqual(node.pending("node-2"), [7], "a peer's value is not relayed");
  node.acknowledged("node-1", [7]);
  const restarted = new BroadcastNode(PEERS, new ValuesFile(dir), () => {});
  assert.deepEqual(restarted.values(), [7, 8]);
  assert.deepEqual(restarted.pending("node-1"), []);
  assert.deepEqual(restarted.pending("node-2"), [7]);
});

test("a sender resends after failures until acknowledged, then sends nothing more", async () => {
  const node = new BroadcastNode(PEERS, new ValuesFile(mkdtempSync(join(work, "s-"))), () => {});
  const calls: GossipRequest[] = [];
  const client = {
    Gossip(r: GossipRequest, _opts: unknown, cb: (err: Error | null) => void) {
      calls.push(r);
      setTimeout(() => cb(calls.length <= 2 ? new Error("unavailable") : null), 1);
    },
  } as unknown as PeerClient;
  const sender = new PeerSender(
    "node-0",
    client,
    () => node.pending("node-1"),
    (sent) => node.acknowledged("node-1", sent),
  );
  node.broadcast(1);
  node.broadcast(2);
  sender.poke();
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(calls.length, 3, "two failures, then the acknowledged call");
  assert.deepEqual(calls.at(-1)?.messages, [1, 2], "both values in one message");
  sender.poke();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(calls.length, 3, "an empty outbox: nothing sent");
});
