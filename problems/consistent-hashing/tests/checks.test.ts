// The consistent-hashing checks (the declared count, then the sharded-kv family's) on
// hand-made runs: each one holding, violated, and inconclusive with no evidence.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { Check } from "../../../harness/problem.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import { sampleKeys } from "../../../harness/sharded-kv/probes.ts";
import type { ReadView, ShardRecord } from "../../../harness/sharded-kv/record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { ringChecks } from "../checks.ts";
import { ringOwner } from "../ring.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const FOUR = NODES.slice(0, 4);
const VNODES = 100;
const SAMPLE = sampleKeys(7);
const owner = ringOwner(VNODES);

function view(
  node: string,
  epoch: number,
  members: string[],
  atMs: number,
  final = false,
): ReadView {
  const of = owner(members);
  return { node, atMs, epoch, final, owners: Object.fromEntries(SAMPLE.map((k) => [k, of(k)])) };
}

/** Four members, then node-4 joins: every node's view read at each epoch and at the end. */
function record(): ShardRecord {
  return {
    declaredVnodes: Object.fromEntries(NODES.map((n) => [n, VNODES])),
    memberships: [
      { epoch: 1, members: FOUR, sentMs: 100, answeredMs: {} },
      { epoch: 2, members: NODES, sentMs: 3000, answeredMs: {} },
    ],
    views: [
      ...NODES.map((n) => view(n, 1, FOUR, 500)),
      ...NODES.map((n) => view(n, 2, NODES, 3500)),
      ...NODES.map((n) => view(n, 2, NODES, 9000, true)),
    ],
    sampleKeys: SAMPLE,
  };
}

let nextId = 0;
function op(
  f: "put" | "get",
  key: string,
  startMs: number,
  endMs: number | null,
  value: string | null,
): ShardOp {
  const outcome = endMs === null ? "info" : "ok";
  return {
    id: nextId++,
    client: "c0",
    f,
    key,
    ...(f === "put" ? { value: value as string } : { output: value }),
    outcome,
    startMs,
    endMs,
    attempts: [],
  };
}

/** A ForwardPut of `key` under `epoch` from node-1 to `to`, as an agent records it. */
function forward(key: string, epoch: number, to: string): MessageRecord {
  return {
    seq: 0,
    from: "node-1",
    to,
    method: "/consistenthashing.ShardNode/ForwardPut",
    startMs: 4000,
    endMs: 4005,
    requestBytes: 20,
    responseBytes: 10,
    status: 0,
    request: { key, value: "v", epoch, from: "node-1" },
  };
}

const rightForward = () => forward("k1", 2, owner(NODES)("k1"));

function runOf(
  problemRecord: ShardRecord | undefined,
  history: ShardOp[] = [],
  finalReads: ShardOp[] = [],
  messages: MessageRecord[] = [rightForward()],
): RunRecord<ShardOp> {
  return runRecord({
    problem: "consistent-hashing",
    nodes: NODES,
    history: [...history, ...finalReads],
    finalReads,
    messages,
    ...(problemRecord ? { problemRecord } : {}),
  });
}

function result(name: string, run: RunRecord<ShardOp>) {
  const check = ringChecks.find((c) => c.name === name) as Check<ShardOp>;
  return check.run(run, { searchTimeoutMs: 1000 });
}

const status = (name: string, run: RunRecord<ShardOp>) => result(name, run).status;

test("a correct run holds every check", () => {
  const history = [op("put", "k1", 1000, 1010, "a"), op("get", "k1", 1100, 1110, "a")];
  const finals = [op("get", "k1", 9500, 9510, "a")];
  for (const check of ringChecks)
    assert.equal(status(check.name, runOf(record(), history, finals)), "holds", check.name);
});

test("with no record and no reads every check is inconclusive", () => {
  for (const check of ringChecks)
    assert.equal(status(check.name, runOf(undefined, [], [], [])), "inconclusive", check.name);
});

test("declared vnodes: different or disallowed counts are violated", () => {
  const r = record();
  r.declaredVnodes["node-2"] = 64;
  assert.equal(status("declared vnodes", runOf(r)), "violated");
  const s = record();
  s.declaredVnodes = Object.fromEntries(NODES.map((n) => [n, 99]));
  assert.match(result("declared vnodes", runOf(s)).message, /not one of/);
});

test("view installed: a node left behind at the end, or an epoch never sent", () => {
  const r = record();
  r.views = r.views.map((v) =>
    v.final && v.node === "node-3" ? view("node-3", 1, FOUR, 9000, true) : v,
  );
  assert.match(result("view installed", runOf(r)).message, /node-3 still reported epoch 1/);
  const s = record();
  s.views.push({ ...view("node-1", 1, FOUR, 600), epoch: 7 });
  assert.equal(status("view installed", runOf(s)), "violated");
});

test("owners: a view of the old ring reported under the new epoch is violated", () => {
  const r = record();
  r.views.push({ ...view("node-2", 1, FOUR, 4000), epoch: 2 });
  const res = result("owners", runOf(r));
  assert.equal(res.status, "violated");
  assert.match(res.message, /differ from the statement's ring/);
});

test("agreement: two nodes naming different owners under one epoch", () => {
  const r = record();
  const bad = view("node-3", 2, NODES, 3600);
  const key = SAMPLE[0] as string;
  bad.owners[key] = bad.owners[key] === "node-0" ? "node-1" : "node-0";
  r.views.push(bad);
  assert.equal(status("agreement", runOf(r)), "violated");
  const single = record();
  single.views = single.views.filter((v) => v.node === "node-0");
  assert.equal(status("agreement", runOf(single)), "inconclusive");
});

test("forwarding: a call forwarded to a node that is not the key's owner under its epoch", () => {
  const wrong = NODES.find((n) => n !== owner(NODES)("k1")) as string;
  const res = result("forwarding", runOf(record(), [], [], [forward("k1", 2, wrong)]));
  assert.equal(res.status, "violated");
  assert.match(res.message, /forwarded "k1" under epoch 2/);
  // Under epoch 1 the same key's owner is another ring's: the epoch in the call decides.
  const first = forward("k1", 1, owner(FOUR)("k1"));
  assert.equal(status("forwarding", runOf(record(), [], [], [first])), "holds");
});

test("moves: a join that moves a key between two old members is violated", () => {
  const r = record();
  const moved = SAMPLE.find((k) => owner(FOUR)(k) === "node-0") as string;
  r.views = r.views.map((v) =>
    v.epoch === 2 && v.node === "node-0" ? { ...v, owners: { ...v.owners, [moved]: "node-1" } } : v,
  );
  const res = result("moves", runOf(r));
  assert.equal(res.status, "violated");
  assert.match(res.message, /may move keys only to node-4/);
});

test("moves: a moved fraction outside the bound is violated", () => {
  const r = record();
  // node-4 takes every sampled key: far above any 100-vnode ring's share.
  r.views = r.views.map((v) =>
    v.epoch === 2 ? { ...v, owners: Object.fromEntries(SAMPLE.map((k) => [k, "node-4"])) } : v,
  );
  assert.match(result("moves", runOf(r)).message, /sampled keys moved/);
});

test("balance: one member owning most sampled keys is violated", () => {
  const r = record();
  r.views = r.views.map((v) =>
    v.epoch === 1
      ? {
          ...v,
          owners: Object.fromEntries(SAMPLE.map((k, i) => [k, i % 10 ? "node-0" : "node-1"])),
        }
      : v,
  );
  assert.match(result("balance", runOf(r)).message, /times the mean/);
});

test("reads: an overwritten value, an invented one, and a missed write are violated", () => {
  const puts = [op("put", "k1", 1000, 1010, "a"), op("put", "k1", 1100, 1110, "b")];
  assert.equal(
    status("reads", runOf(record(), [...puts, op("get", "k1", 1200, 1210, "a")])),
    "violated",
  );
  assert.equal(
    status("reads", runOf(record(), [...puts, op("get", "k1", 1200, 1210, "zz")])),
    "violated",
  );
  assert.equal(
    status("reads", runOf(record(), [...puts, op("get", "k1", 1200, 1210, null)])),
    "violated",
  );
  // Concurrent with the second put, either value may come back; an unknown put may too.
  assert.equal(
    status("reads", runOf(record(), [...puts, op("get", "k1", 1105, 1200, "a")])),
    "holds",
  );
  const retried = op("put", "k1", 1000, 1010, "a");
  retried.attempts = [
    { node: "node-1", startMs: 1000, endMs: 1005, result: "unavailable" },
    { node: "node-1", startMs: 1006, endMs: 1010, result: "ok" },
  ];
  // Its first attempt's forward may land again after the second put: "a" stays allowed.
  assert.equal(
    status(
      "reads",
      runOf(record(), [retried, puts[1] as ShardOp, op("get", "k1", 1200, 1210, "a")]),
    ),
    "holds",
  );
  const unknown = op("put", "k1", 1050, null, "c");
  assert.equal(
    status("reads", runOf(record(), [...puts, unknown, op("get", "k1", 1200, 1210, "c")])),
    "holds",
  );
});

test("no lost write: a final read behind the last acknowledged put, or unanswered", () => {
  const puts = [op("put", "k1", 1000, 1010, "a"), op("put", "k1", 1100, 1110, "b")];
  assert.equal(
    status("no lost write", runOf(record(), puts, [op("get", "k1", 9500, 9510, "a")])),
    "violated",
  );
  const open: ShardOp = { ...op("get", "k1", 9500, null, null), outcome: "info" };
  assert.equal(status("no lost write", runOf(record(), puts, [open])), "inconclusive");
  assert.equal(
    status("no lost write", runOf(record(), puts, [op("get", "k1", 9500, 9510, "b")])),
    "holds",
  );
});
