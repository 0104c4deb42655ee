// The reference's set and sender, in process: a retried request changes nothing, a tombstone
// wins over its add in either order, a restart keeps tags, tombstones, the counter and the
// outboxes, and three nodes whose Syncs arrive in a random order (some lost and resent)
// agree and pass the add-wins checker on the history they answered.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { seededRandom } from "../../../harness/random.ts";
import { checkOrSet, type OrSetOp } from "../../../shared/check/or-set.ts";
import { InvalidRequest, OrSetNode } from "../reference/typescript/or-set-node.ts";
import { PeerSender } from "../reference/typescript/peer-sender.ts";
import type { PeerClient, SyncRequest } from "../reference/typescript/proto.ts";
import { SetFile } from "../reference/typescript/set-file.ts";

const work = mkdtempSync(join(tmpdir(), "or-set-reference-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NODES = ["node-0", "node-1", "node-2"];
const nodeAt = (id: string, dir: string) =>
  new OrSetNode(
    id,
    NODES.filter((n) => n !== id),
    new SetFile(dir),
    () => {},
  );
const req = (client: string, sequence: number, element: string) => ({
  client_id: client,
  sequence,
  element,
});

test("retries change nothing, a tombstone wins in either order, a restart keeps it all", () => {
  const dir = mkdtempSync(join(work, "node-"));
  const node = nodeAt("node-0", dir);
  node.add(req("c0", 1, "a"));
  node.add(req("c0", 1, "a"));
  node.remove(req("c1", 1, "a"));
  node.add(req("c0", 1, "a"));
  assert.deepEqual(node.elements(), [], "the retried add made no second tag");
  node.sync({ from: "node-1", adds: [], removes: [{ tag: "node-1:1", element: "b" }] });
  node.sync({ from: "node-1", adds: [{ tag: "node-1:1", element: "b" }], removes: [] });
  assert.deepEqual(node.elements(), [], "an add arriving after its tombstone stays removed");
  node.add(req("c0", 2, "c"));
  assert.throws(() => node.add(req("c0", 3, "")), InvalidRequest);
  const restarted = nodeAt("node-0", dir);
  assert.deepEqual(restarted.elements(), ["c"]);
  restarted.add(req("c0", 4, "d"));
  const tags = restarted.pending("node-1").adds.map((t) => t.tag);
  assert.deepEqual(tags, ["node-0:1", "node-0:2", "node-0:3"], "no tag reused after a restart");
  assert.equal(restarted.pending("node-1").removes.length, 1);
});

test("three nodes with Syncs in random order, some lost, agree within add-wins", () => {
  for (let seed = 1; seed <= 15; seed++) {
    const random = seededRandom(seed);
    const nodes = new Map(NODES.map((id) => [id, nodeAt(id, mkdtempSync(join(work, "sim-")))]));
    const ops: OrSetOp[] = [];
    const deliver = (from: string, to: string) => {
      const batch = from === to ? null : nodes.get(from)?.pending(to);
      const roll = random.next();
      if (!batch || roll < 0.15) return; // the link is cut
      nodes.get(to)?.sync({ from, ...batch });
      if (roll >= 0.3) nodes.get(from)?.acknowledged(to, batch); // else the answer is lost
    };
    for (let t = 0; t < 100; t++) {
      const at = random.pick(NODES);
      const node = nodes.get(at) as OrSetNode;
      const roll = random.next();
      const element = random.pick(["a", "b", "c"]);
      const base = { id: t, node: at, outcome: "ok" as const, startMs: t * 10, endMs: t * 10 + 1 };
      if (roll < 0.4) {
        node.add(req("c", t + 1, element));
        ops.push({ ...base, f: "add", element });
      } else if (roll < 0.7) {
        node.remove(req("c", t + 1, element));
        ops.push({ ...base, f: "remove", element });
      } else ops.push({ ...base, f: "read", elements: node.elements() });
      if (random.next() < 0.5) deliver(random.pick(NODES), random.pick(NODES));
    }
    for (let round = 0; round < 20; round++)
      for (const from of NODES) for (const to of NODES) if (from !== to) deliver(from, to);
    for (const [i, id] of NODES.entries())
      ops.push({
        id: 1000 + i,
        f: "read",
        node: id,
        outcome: "ok",
        startMs: 5000,
        endMs: 5001,
        elements: nodes.get(id)?.elements() ?? [],
        final: true,
      });
    const finals = ops.filter((o) => o.final).map((o) => JSON.stringify(o.elements));
    assert.equal(new Set(finals).size, 1, `seed ${seed}: ${finals.join(" ")}`);
    const verdict = checkOrSet({ ops, originMs: 0 });
    assert.notEqual(verdict.status, "violated", `seed ${seed}: ${verdict.message}`);
  }
});

test("a sender resends after failures until acknowledged, then sends nothing more", async () => {
  const node = nodeAt("node-0", mkdtempSync(join(work, "sender-")));
  const calls: SyncRequest[] = [];
  const client = {
    Sync(r: SyncRequest, _opts: unknown, cb: (err: Error | null) => void) {
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
  node.add(req("c0", 1, "a"));
  sender.poke();
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(calls.length, 3, "two failures, then the acknowledged call");
  sender.poke();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(calls.length, 3, "an empty outbox: nothing sent");
});
