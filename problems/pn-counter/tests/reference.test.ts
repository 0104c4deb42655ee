// The reference's counter and gossip, in process: a decrement goes to the decrements, a
// retried add is applied once, a merge keeps the larger of each count apart, what was
// acknowledged is on disk for the next start, and a sender resends until its peer
// acknowledges, then stays silent.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { CounterFile } from "../reference/typescript/counter-file.ts";
import { CounterNode, InvalidRequest } from "../reference/typescript/counter-node.ts";
import { PeerSender } from "../reference/typescript/peer-sender.ts";
import type { GossipRequest, PeerClient, Slot } from "../reference/typescript/proto.ts";

const work = mkdtempSync(join(tmpdir(), "pn-counter-reference-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const slot = (node_id: string, increments: number, decrements: number): Slot => ({
  node_id,
  increments,
  decrements,
});

test("adds of either sign are applied once per sequence, merges keep each larger count, a restart keeps all", () => {
  const dir = mkdtempSync(join(work, "node-"));
  let grew = 0;
  const node = new CounterNode("node-0", new CounterFile(dir), () => grew++);
  node.add({ client_id: "c0", sequence: 1, delta: 5 });
  node.add({ client_id: "c0", sequence: 1, delta: 5 });
  node.add({ client_id: "c1", sequence: 4, delta: -7 });
  node.add({ client_id: "c1", sequence: 4, delta: -7 });
  assert.equal(node.value(), -2);
  assert.deepEqual(node.ownSlot(), slot("node-0", 5, 7));
  assert.equal(grew, 2);
  node.gossip({ from: "node-1", slots: [slot("node-1", 10, 3)] });
  // An older message: a larger decrement count is news, a smaller increment count is not.
  node.gossip({ from: "node-1", slots: [slot("node-1", 6, 4)] });
  // A peer's word on this node's own slot is never taken: only this node counts its adds.
  node.gossip({ from: "node-2", slots: [slot("node-0", 100, 0)] });
  assert.equal(node.value(), -2 + 10 - 4);
  assert.throws(() => node.add({ client_id: "", sequence: 1, delta: 1 }), InvalidRequest);
  assert.throws(() => node.add({ client_id: "c2", sequence: 0, delta: -1 }), InvalidRequest);
  const restarted = new CounterNode("node-0", new CounterFile(dir), () => {});
  assert.equal(restarted.value(), 4);
  restarted.add({ client_id: "c1", sequence: 4, delta: -7 });
  assert.equal(restarted.value(), 4, "the retry table survived the restart too");
});

/** A peer that fails the first `failures` calls, then acknowledges. */
function peer(failures: number): { client: PeerClient; calls: GossipRequest[] } {
  const calls: GossipRequest[] = [];
  const client = {
    Gossip(req: GossipRequest, _opts: unknown, cb: (err: Error | null) => void) {
      calls.push(req);
      setTimeout(() => cb(calls.length <= failures ? new Error("unavailable") : null), 1);
    },
  } as unknown as PeerClient;
  return { client, calls };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("a sender resends after failures until acknowledged, sends when either count grows, then nothing more", async () => {
  let own = slot("node-0", 3, 0);
  const { client, calls } = peer(2);
  const sender = new PeerSender("node-0", client, () => own);
  sender.poke();
  await wait(600);
  assert.equal(calls.length, 3, "two failures, then the acknowledged call");
  sender.poke();
  await wait(100);
  assert.equal(calls.length, 3, "nothing new: nothing sent");
  own = slot("node-0", 3, 2);
  sender.poke();
  sender.poke();
  await wait(100);
  assert.equal(calls.length, 4, "a decrement is news; two pokes close together share one message");
  assert.deepEqual(calls.at(-1)?.slots, [slot("node-0", 3, 2)]);
});
