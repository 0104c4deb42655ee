// The LWW map checks on small histories: a converged map is judged key by key against the
// writes that can win, a final read becomes one final get per key, a slow node whose write
// after a get lost to the write it had seen is caught, and the clock bound is the plan's.
import assert from "node:assert/strict";
import { test } from "vitest";
import { runRecord } from "../../../tests/support/run-record.ts";
import {
  checkLastWriterWins,
  convergedAllowed,
  effectOf,
  finalGetsOf,
  optionsOf,
} from "../checks.ts";
import type { MapOp } from "../client.ts";
import { CLOCK_MARGIN_MS } from "../plans/index.ts";

let nextId = 0;
function op(
  f: MapOp["f"],
  node: string,
  startMs: number,
  endMs: number | null,
  fields: Partial<MapOp> = {},
): MapOp {
  return {
    id: nextId++,
    client: "c0",
    sequence: nextId,
    f,
    outcome: endMs === null ? "info" : "ok",
    startMs,
    endMs,
    attempts: [
      { node, startMs, endMs: endMs ?? startMs + 1200, result: endMs === null ? "deadline" : "ok" },
    ],
    ...fields,
  };
}

function run(history: MapOp[], finalReads: MapOp[], scenario = "partitioned_races") {
  return runRecord<MapOp>({
    problem: "lww-map",
    nodes: ["node-0", "node-1", "node-2"],
    scenario,
    history: [...history, ...finalReads],
    finalReads,
  });
}

test("a put's value is its client and number; a get's null is absent; unsent is left out", () => {
  const put = op("put", "node-0", 0, 5, { key: "k", client: "c3", sequence: 7 });
  assert.equal(effectOf(put)?.value, "c3-7");
  const get = op("get", "node-1", 0, 5, { key: "k", output: null });
  assert.equal("value" in (effectOf(get) ?? {}), false);
  assert.equal(effectOf({ ...get, attempts: [] }), null);
  const read = op("read", "node-2", 100, 105, { output: { a: "x" } });
  const finals = finalGetsOf(read, ["a", "b"]);
  assert.deepEqual(
    finals.map((g) => [g.key, g.value, g.final]),
    [
      ["a", "x", true],
      ["b", undefined, true],
    ],
  );
});

test("a converged map is allowed key by key", () => {
  const opts = { skewMs: 50, hybridClocks: true };
  const a = effectOf(op("put", "node-0", 0, 5, { key: "k", value: "a" }))!;
  const b = effectOf(op("put", "node-1", 1000, 1005, { key: "k", value: "b" }))!;
  const d = effectOf(op("delete", "node-2", 2000, null, { key: "k" }))!;
  assert.deepEqual(convergedAllowed([a, b, d], { k: "b" }, opts), { status: "yes" });
  assert.deepEqual(convergedAllowed([a, b, d], {}, opts), { status: "yes" }, "the info delete");
  assert.equal(convergedAllowed([a, b], { k: "a" }, opts).status, "no", "b came 1 s later");
  assert.equal(convergedAllowed([a, b], {}, opts).status, "no", "no delete");
  assert.equal(convergedAllowed([a, b], { k: "b", j: "z" }, opts).status, "no", "never put");
  assert.equal(
    convergedAllowed([a], { k: "a" }, { skewMs: 2000, hybridClocks: false }).status,
    "yes",
  );
});

test("a slow node's put after its get showed a fast node's put must win", () => {
  const fast = op("put", "node-0", 0, 5, { key: "k", value: "fast" });
  const seen = op("get", "node-2", 20, 25, { key: "k", output: "fast" });
  const slow = op("put", "node-2", 30, 35, { key: "k", value: "slow" });
  const stuck = op("get", "node-2", 40, 45, { key: "k", output: "fast" });
  const reads = ["node-0", "node-1", "node-2"].map((n) =>
    op("read", n, 3000, 3005, { output: { k: "fast" } }),
  );
  const lost = checkLastWriterWins(run([fast, seen, slow, stuck], reads, "skewed_clocks"));
  assert.equal(lost.status, "violated");
  assert.match(lost.message, /"fast".*node-2 (had served it|already held)/);
  const won = ["node-0", "node-1", "node-2"].map((n) =>
    op("read", n, 3000, 3005, { output: { k: "slow" } }),
  );
  assert.equal(checkLastWriterWins(run([fast, seen, slow], won, "skewed_clocks")).status, "holds");
  const kept = checkLastWriterWins(run([fast, seen, slow, stuck], won, "skewed_clocks"));
  assert.equal(kept.status, "violated", "node-2 kept showing the write its own put outranks");
  assert.match(
    kept.message,
    /returned "fast", which cannot outrank put k "slow" .*node-2 already held that write/,
  );
});

test("the clock bound is the scenario's: its skews and the margin", () => {
  assert.equal(optionsOf({ scenario: "crash_restart", seed: 1 }).skewMs, CLOCK_MARGIN_MS);
  assert.ok(optionsOf({ scenario: "skewed_clocks", seed: 1 }).skewMs > CLOCK_MARGIN_MS);
});
