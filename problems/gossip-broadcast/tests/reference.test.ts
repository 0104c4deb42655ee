// The reference's node and sender, in process: a retried broadcast and a resent gossip change
// nothing, gossip is held but not relayed, what was acknowledged (values and outboxes) is on
// disk for the next start, five nodes with gossip cut, lost and restarted at random pass
// set-full, and a sender resends until acknowledged, then stays silent.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { seededRandom } from "../../../harness/random.ts";
import { checkSetFull, type SetAdd, type SetRead } from "../../../shared/check/set-full.ts";
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

test("five nodes, gossip cut, answers lost, nodes restarted at random: set-full holds", () => {
  const ids = ["node-0", "node-1", "node-2", "node-3", "node-4"];
  for (let seed = 1; seed <= 10; seed++) {
    const random = seededRandom(seed);
    const dirs = new Map(ids.map((id) => [id, mkdtempSync(join(work, "sim-"))]));
    const start = (id: string) =>
      new BroadcastNode(
        ids.filter((p) => p !== id),
        new ValuesFile(dirs.get(id) as string),
        () => {},
      );
    const nodes = new Map(ids.map((id) => [id, start(id)]));
    const adds: SetAdd[] = [];
    const reads: SetRead[] = [];
    const deliver = (from: string, to: string) => {
      const batch = nodes.get(from)?.pending(to) ?? [];
      const roll = random.next();
      if (from === to || batch.length === 0 || roll < 0.2) return; // cut
      nodes.get(to)?.gossip({ from, messages: batch });
      if (roll >= 0.35) nodes.get(from)?.acknowledged(to, batch); // else the answer is lost
    };
    for (let t = 0; t < 200; t++) {
      const at = random.pick(ids);
      const node = nodes.get(at) as BroadcastNode;
      const base = { id: t, node: at, outcome: "ok" as const, startMs: t * 10, endMs: t * 10 + 1 };
      if (random.next() < 0.5) {
        node.broadcast(t);
        adds.push({ ...base, element: t });
      } else reads.push({ ...base, elements: node.values(), final: false });
      if (random.next() < 0.6) deliver(random.pick(ids), random.pick(ids));
      if (random.next() < 0.03) nodes.set(at, start(at)); // killed and restarted
    }
    for (let round = 0; round < 10; round++)
      for (const from of ids) for (const to of ids) deliver(from, to);
    for (const [i, id] of ids.entries())
      reads.push({
        id: 1000 + i,
        node: id,
        outcome: "ok",
        startMs: 5000,
        endMs: 5001,
        elements: nodes.get(id)?.values() ?? [],
        final: true,
      });
    const verdict = checkSetFull({ adds, reads, originMs: 0 });
    assert.equal(verdict.status, "holds", `seed ${seed}: ${verdict.message}`);
  }
});
