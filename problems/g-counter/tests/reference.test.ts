// The reference's counter and gossip, in process: a retried add is applied once, a merge
// keeps the larger slot, what was acknowledged is on disk for the next start, and a sender
// resends until its peer acknowledges, then stays silent.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { CounterFile } from "../reference/typescript/counter-file.ts";
import { CounterNode, InvalidRequest } from "../reference/typescript/counter-node.ts";
import { PeerSender } from "../reference/typescript/peer-sender.ts";
import type { GossipRequest, PeerClient } from "../reference/typescript/proto.ts";

const work = mkdtempSync(join(tmpdir(), "g-counter-reference-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("adds are applied once per sequence, merges keep the larger slot, a restart keeps both", () => {
  const dir = mkdtempSync(join(work, "node-"));
  let grew = 0;
  const node = new CounterNode("node-0", new CounterFile(dir), () => grew++);
  node.add({ client_id: "c0", sequence: 1, delta: 5 });
  node.add({ client_id: "c0", sequence: 1, delta: 5 });
  node.add({ client_id: "c1", sequence: 4, delta: 2 });
  assert.equal(node.value(), 7);
  assert.equal(grew, 2);
  node.gossip({ from: "node-1", slots: [{ node_id: "node-1", count: 10 }] });
  node.gossip({ from: "node-1", slots: [{ node_id: "node-1", count: 6 }] });
  // A peer's word on this node's own slot is never taken: only this node counts its adds.
  node.gossip({ from: "node-2", slots: [{ node_id: "node-0", count: 100 }] });
  assert.equal(node.value(), 17);
  assert.throws(() => node.add({ client_id: "", sequence: 1, delta: 1 }), InvalidRequest);
  const restarted = new CounterNode("node-0", new CounterFile(dir), () => {});
  assert.equal(restarted.value(), 17);
  restarted.add({ client_id: "c0", sequence: 1, delta: 5 });
  assert.equal(restarted.value(), 17, "the retry table survived the restart too");
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

test("a sender resends after failures until acknowledged, then sends nothing more", async () => {
  let slot = 3;
  const { client, calls } = peer(2);
  const sender = new PeerSender("node-0", client, () => slot);
  sender.poke();
  await wait(600);
  assert.equal(calls.length, 3, "two failures, then the acknowledged call");
  sender.poke();
  await wait(100);
  assert.equal(calls.length, 3, "nothing new: nothing sent");
  slot = 5;
  sender.poke();
  sender.poke();
  await wait(100);
  assert.equal(calls.length, 4, "two pokes close together share one message");
  assert.deepEqual(calls.at(-1)?.slots, [{ node_id: "node-0", count: 5 }]);
});
