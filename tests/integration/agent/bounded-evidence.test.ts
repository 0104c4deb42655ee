// The judge's side of the agents' records, bounded: the traffic poller streams messages to
// disk up to its caps and counts the rest, and a node log that floods is written page by page up
// to its cap, then a note, then its end. Real agents and nodes on a local cluster.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TrafficPoller } from "../../../harness/traffic-poller.ts";
import { writeNodeLog } from "../../../harness/node-log-file.ts";
import { testNodeCommand } from "../../support/test-node/command.ts";
import { deployFixture, type Fixture } from "./fixture.ts";

/** Lines the node prints before it serves: fewer than the agent keeps (20,000). */
const FLOOD_LINES = 15_000;

let f: Fixture;
const dir = mkdtempSync(join(tmpdir(), "cj-bounded-evidence-"));
beforeAll(async () => {
  const node = await testNodeCommand();
  f = await deployFixture({
    nodeCount: 2,
    command: {
      ...node,
      // The node prints FLOOD_LINES numbered lines, then serves as usual.
      argv: ["/bin/sh", "-c", `seq -f 'line %g' 1 ${FLOOD_LINES}; exec "$@"`, "sh", ...node.argv],
    },
  });
});
afterAll(async () => {
  await f?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the poller streams messages to disk up to its cap, shows the tracker every one, counts the rest", async () => {
  const sinceMs = Date.now();
  for (let i = 0; i < 12; i++) await f.clients[i % 2]!.echo(`e${i}`);
  const seen: number[] = [];
  const poller = new TrafficPoller(f.handle.nodes, (batch) => seen.push(batch.length), {
    file: join(dir, "capped.jsonl"),
    sinceMs,
    caps: { records: 5, bytes: 2 ** 20 },
  });
  poller.start();
  await poller.stop();
  assert.equal(poller.messages.length, 5);
  assert.equal(readFileSync(join(dir, "capped.jsonl"), "utf8").trimEnd().split("\n").length, 5);
  assert.equal(poller.notKept, 7);
  assert.equal(poller.agentDropped, 0);
  assert.equal(
    seen.reduce((a, b) => a + b, 0),
    12,
    "the role tracker saw every message, kept or not",
  );
  const starts = [...poller.messages].map((m) => m.startMs);
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
  );

  const sized = new TrafficPoller(f.handle.nodes, () => {}, {
    file: join(dir, "sized.jsonl"),
    sinceMs,
    caps: { records: 100, bytes: 1 },
  });
  await sized.pollOnce();
  assert.equal(sized.kept, 0);
  assert.equal(sized.notKept, 12);
  sized.abandon();

  const later = new TrafficPoller(f.handle.nodes, () => {}, {
    file: join(dir, "later.jsonl"),
    sinceMs: Date.now() + 60_000,
  });
  await later.pollOnce();
  later.abandon();
  assert.equal(later.kept + later.notKept, 0, "calls older than the run are not its own");
});

test("a flooded node log is kept up to its cap, then a note, then its end", async () => {
  const node = f.handle.nodes[0]!;
  const path = join(dir, "node-0.log");
  const tail = await writeNodeLog(node, path, 64 * 1024);
  const text = readFileSync(path, "utf8");
  const lines = text.trimEnd().split("\n");
  assert.ok(Buffer.byteLength(text) < 64 * 1024 + 100 * 4200, `${Buffer.byteLength(text)} bytes`);
  assert.ok(
    lines.slice(0, 5).some((l) => l.endsWith("Z line 1")),
    "the log's start is kept",
  );
  const note = lines.findIndex((l) => l.startsWith("[judge] "));
  assert.match(
    lines[note]!,
    /^\[judge\] [\d,]+ lines past the log's first 64 KiB were not kept; the last 100 follow$/,
  );
  assert.deepEqual(lines.slice(note + 1), tail, "the file ends with the lines handed back");
  assert.equal(tail.length, 100);
  assert.ok(
    tail.some((l) => l.endsWith(`line ${FLOOD_LINES}`)),
    "the last printed line is in the tail",
  );

  const whole = join(dir, "node-0-whole.log");
  await writeNodeLog(node, whole);
  assert.equal(
    readFileSync(whole, "utf8")
      .split("\n")
      .filter((l) => / line \d+$/.test(l)).length,
    FLOOD_LINES,
  );
});
