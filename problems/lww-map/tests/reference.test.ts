// The reference's map and clock, in process: a retried write changes nothing, a tombstone
// beats an older put in either order, a restart keeps the map, the clock and the outboxes,
// a slow node's write after it merged a fast node's outranks it, and three nodes with
// skewed clocks whose Syncs arrive in a random order (some lost and resent) agree and pass
// the last-writer-wins checker on the history they answered.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { seededRandom } from "../../../harness/random.ts";
import { checkLwwMap, type LwwOp } from "../../../shared/check/lww-map.ts";
import { compareStamps } from "../reference/typescript/hlc.ts";
import { InvalidRequest, LwwMapNode } from "../reference/typescript/lww-node.ts";
import { MapFile } from "../reference/typescript/map-file.ts";

const work = mkdtempSync(join(tmpdir(), "lww-map-reference-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NODES = ["node-0", "node-1", "node-2"];
const nodeAt = (id: string, dir: string, now: () => number) =>
  new LwwMapNode(
    id,
    NODES.filter((n) => n !== id),
    new MapFile(dir),
    () => {},
    now,
  );
const put = (client: string, sequence: number, key: string, value: string) => ({
  client_id: client,
  sequence,
  key,
  value,
});

test("retries change nothing, a tombstone beats an older put, a restart keeps it all", () => {
  const dir = mkdtempSync(join(work, "node-"));
  let clock = 1000;
  const node = nodeAt("node-0", dir, () => clock);
  node.put(put("c0", 1, "k", "a"));
  node.put(put("c1", 1, "k", "b"));
  node.put(put("c0", 1, "k", "a"));
  assert.equal(node.get("k"), "b", "the retried put wrote nothing");
  node.delete({ client_id: "c1", sequence: 2, key: "k" });
  assert.equal(node.get("k"), undefined);
  const older = { wall_ms: 999, logical: 0, node: "node-2" };
  node.sync({ from: "node-2", writes: [{ key: "k", value: "old", deleted: false, stamp: older }] });
  assert.equal(node.get("k"), undefined, "an older put arriving after the delete stays beaten");
  assert.throws(() => node.put(put("c0", 2, "k", "")), InvalidRequest);
  assert.throws(() => node.put(put("", 3, "k", "x")), InvalidRequest);
  node.put(put("c0", 4, "j", "x"));
  const stamps = node.pending("node-1").map((w) => w.stamp);
  clock = 0; // restarted with its clock far behind
  const restarted = nodeAt("node-0", dir, () => clock);
  assert.deepEqual(restarted.entries(), [{ key: "j", value: "x" }]);
  assert.equal(restarted.pending("node-1").length, 2, "the outbox survived");
  restarted.put(put("c0", 5, "j", "y"));
  const after = restarted.pending("node-1").find((w) => w.key === "j");
  assert.ok(after && stamps.every((s) => compareStamps(after.stamp, s) > 0), "no lower stamp");
});

test("a slow node's write after it merged a fast node's write outranks it", () => {
  const fast = nodeAt("node-0", mkdtempSync(join(work, "fast-")), () => 5000);
  const slow = nodeAt("node-2", mkdtempSync(join(work, "slow-")), () => 4000);
  fast.put(put("c0", 1, "k", "fast"));
  slow.sync({ from: "node-0", writes: fast.pending("node-2") });
  assert.equal(slow.get("k"), "fast");
  slow.put(put("c1", 1, "k", "slow"));
  fast.sync({ from: "node-2", writes: slow.pending("node-0") });
  assert.equal(fast.get("k"), "slow");
  assert.equal(slow.get("k"), "slow");
});

test("three skewed nodes with Syncs in random order, some lost, agree within LWW", () => {
  for (let seed = 1; seed <= 6; seed++) {
    const random = seededRandom(seed);
    let now = 10_000;
    const offsets = [400, 0, -400];
    const nodes = new Map(
      NODES.map((id, i) => [
        id,
        nodeAt(id, mkdtempSync(join(work, "sim-")), () => now + (offsets[i] ?? 0)),
      ]),
    );
    const ops: LwwOp[] = [];
    const deliver = (from: string, to: string) => {
      const batch = from === to ? null : nodes.get(from)?.pending(to);
      const roll = random.next();
      if (!batch?.length || roll < 0.15) return; // the link is cut
      nodes.get(to)?.sync({ from, writes: batch });
      if (roll >= 0.3) nodes.get(from)?.acknowledged(to, batch); // else the answer is lost
    };
    for (let t = 0; t < 150; t++) {
      now += random.int(0, 30);
      const at = random.pick(NODES);
      const node = nodes.get(at) as LwwMapNode;
      const roll = random.next();
      const key = random.pick(["a", "b", "c"]);
      const base = { id: t, key, node: at, outcome: "ok" as const, startMs: now, endMs: now + 1 };
      if (roll < 0.45) {
        node.put(put("c", t + 1, key, `v${t}`));
        ops.push({ ...base, f: "put", value: `v${t}` });
      } else if (roll < 0.6) {
        node.delete({ client_id: "c", sequence: t + 1, key });
        ops.push({ ...base, f: "delete" });
      } else {
        const value = node.get(key);
        ops.push({ ...base, f: "get", ...(value === undefined ? {} : { value }) });
      }
      now += 1;
      if (random.next() < 0.6) deliver(random.pick(NODES), random.pick(NODES));
    }
    for (let round = 0; round < 20; round++)
      for (const from of NODES) for (const to of NODES) if (from !== to) deliver(from, to);
    now += 5000;
    for (const [i, id] of NODES.entries())
      for (const key of ["a", "b", "c"]) {
        const value = nodes.get(id)?.get(key);
        ops.push({
          id: 1000 + i,
          f: "get",
          key,
          ...(value === undefined ? {} : { value }),
          node: id,
          outcome: "ok",
          startMs: now,
          endMs: now + 1,
          final: true,
        });
      }
    const opts = { skewMs: 801, hybridClocks: true };
    const verdict = checkLwwMap(ops, opts, 0);
    assert.equal(verdict.status, "holds", `seed ${seed}: ${verdict.message}`);
  }
});
