// Each fault the agent applies, on a real 3-node cluster of test nodes behind their agents
// (sandboxed as far as this machine allows). Every test would fail without its fault.
import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { status as grpcStatus } from "@grpc/grpc-js";
import { deployFixture, sleep, waitState, type Fixture } from "./fixture.ts";

const { OK, DEADLINE_EXCEEDED, UNAVAILABLE } = grpcStatus;
/** Deadline of a peer call expected to succeed: generous, for a loaded machine. */
const PEER_DEADLINE_MS = 5_000;

describe("faults on a 3-node cluster", () => {
  let f: Fixture;
  beforeAll(async () => (f = await deployFixture()));
  afterAll(async () => f?.close());
  beforeEach(async () => f.reset());

  const peerCall = (from: number, to: number, term = 1, peerDeadlineMs = PEER_DEADLINE_MS) =>
    f.clients[from]!.callPeer(`node-${to}`, "vote", term, { peerDeadlineMs });

  test("a black-holed link delivers nothing until its deadline, then heals", async () => {
    assert.equal((await peerCall(0, 1)).reply?.code, OK);
    await f.control(0).setLinks([{ link: "node-1", partition: "blackhole" }]);
    const cut = await peerCall(0, 1, 2, 300);
    assert.equal(cut.reply?.code, DEADLINE_EXCEEDED);
    // node-1 never saw it: its agent forwarded nothing and node-0's agent recorded the fault.
    const sent = (await f.control(0).messages()).items.filter((m) => m.to === "node-1");
    assert.deepEqual(
      sent.map((m) => [m.fault, m.status, m.responseBytes]),
      [
        [undefined, OK, sent[0]!.responseBytes],
        ["blackhole", DEADLINE_EXCEEDED, 0],
      ],
    );
    await f.control(0).setLinks([]);
    assert.equal((await peerCall(0, 1, 3)).reply?.code, OK);
  });

  test("a refusing partition fails calls at once with UNAVAILABLE", async () => {
    await f.control(0).setLinks([{ link: "node-2", partition: "refuse" }]);
    // A deadline far beyond the test: only a refusal (not a timeout) can end the call.
    const refused = await peerCall(0, 2, 1, 60_000);
    assert.equal(refused.reply?.code, UNAVAILABLE);
    assert.match(refused.reply?.details ?? "", /partitioned/);
    assert.equal((await peerCall(0, 1)).reply?.code, OK, "other links are untouched");
  });

  test("a one-way rule cuts one direction only", async () => {
    await f.control(0).setLinks([{ link: "node-1", partition: "refuse" }]);
    assert.equal((await peerCall(0, 1)).reply?.code, UNAVAILABLE);
    assert.equal((await peerCall(1, 0)).reply?.code, OK);
  });

  test("a partition into halves is a set of link rules", async () => {
    // {node-0} | {node-1, node-2}
    await f.control(0).setLinks([
      { link: "node-1", partition: "refuse" },
      { link: "node-2", partition: "refuse" },
    ]);
    await f.control(1).setLinks([{ link: "node-0", partition: "refuse" }]);
    await f.control(2).setLinks([{ link: "node-0", partition: "refuse" }]);
    const codes = await Promise.all([
      peerCall(0, 1),
      peerCall(0, 2),
      peerCall(1, 0),
      peerCall(2, 0),
      peerCall(1, 2),
      peerCall(2, 1),
    ]);
    assert.deepEqual(
      codes.map((c) => c.reply?.code),
      [UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, OK, OK],
    );
  });

  test("the clients link cuts the judge's clients from one node only", async () => {
    await f.control(1).setLinks([{ link: "clients", partition: "refuse" }]);
    assert.equal((await f.clients[1]!.echo("x", { deadlineMs: 60_000 })).code, UNAVAILABLE);
    assert.equal((await f.clients[0]!.echo("x")).code, OK);
    assert.equal((await peerCall(0, 1)).reply?.code, OK, "peers still reach node-1");
  });

  test("a delay holds each call at least that long; a shorter deadline expires", async () => {
    await f.control(0).setLinks([{ link: "clients", delayMs: 400, jitterMs: 100 }]);
    const late = await f.clients[0]!.echo("x", { deadlineMs: 100 });
    assert.equal(late.code, DEADLINE_EXCEEDED);
    const patient = await f.clients[0]!.echo("y", { deadlineMs: 20_000 });
    assert.equal(patient.code, OK);
    const records = (await f.control(0).messages()).items;
    const delayed = records.find((m) => m.status === OK && m.fault === "delay");
    assert.ok(delayed, JSON.stringify(records));
    assert.ok((delayed.endMs ?? 0) - delayed.startMs >= 300, "held for delay - jitter at least");
    // The node saw the deadline shrunk by the time the call was held.
    assert.ok((patient.reply?.deadline_left_ms ?? 0) <= 20_000 - 300);
  });

  test("drops: probability 1 drops every call, 0.5 some but not all", async () => {
    await f.control(0).setLinks([{ link: "node-1", dropProbability: 1 }]);
    const all = await Promise.all(Array.from({ length: 5 }, (_, i) => peerCall(0, 1, i, 300)));
    assert.deepEqual(new Set(all.map((c) => c.reply?.code)), new Set([DEADLINE_EXCEEDED]));
    await f.control(0).setLinks([{ link: "node-1", dropProbability: 0.5 }]);
    // 40 independent calls: all or none dropped has probability 2^-39.
    const some = await Promise.all(Array.from({ length: 40 }, (_, i) => peerCall(0, 1, i, 3_000)));
    const dropped = some.filter((c) => c.reply?.code === DEADLINE_EXCEEDED).length;
    assert.ok(dropped > 0 && dropped < 40, `dropped ${dropped} of 40`);
    const faults = (await f.control(0).messages()).items.filter((m) => m.fault === "drop").length;
    assert.equal(faults, 5 + dropped);
  });

  test("a lost answer: the node acts on the call, the caller hears nothing to its deadline", async () => {
    await f.control(0).setLinks([{ link: "clients", loseAnswerProbability: 1 }]);
    const lost = await f.clients[0]!.echo("x", { deadlineMs: 300 });
    assert.equal(lost.code, DEADLINE_EXCEEDED);
    const [record] = (await f.control(0).messages()).items.filter((m) => m.from === "client");
    assert.equal(record?.fault, "lose-answer");
    assert.equal(record?.status, DEADLINE_EXCEEDED);
    assert.ok((record?.responseBytes ?? 0) > 0, "the node answered; the agent kept it back");
    await f.control(0).setLinks([]);
    assert.equal((await f.clients[0]!.echo("y")).code, OK);
  });

  test("a paused node answers nothing until resumed, then answers what waited", async () => {
    await f.control(2).pause();
    assert.equal((await f.control(2).status()).state, "paused");
    assert.equal((await f.clients[2]!.echo("x", { deadlineMs: 300 })).code, DEADLINE_EXCEEDED);
    const waiting = f.clients[2]!.echo("waited", { deadlineMs: 30_000 });
    await sleep(300);
    await f.control(2).resume();
    const answered = await waiting;
    assert.equal(answered.code, OK);
    assert.equal(answered.reply?.text, "waited");
  });

  test("a killed node restarts with its DATA_DIR; a wiped one without", async () => {
    assert.equal((await f.clients[1]!.writeFile("state", "term=7")).code, OK);
    const before = await f.control(1).status();
    await f.control(1).kill();
    const killed = await f.control(1).status();
    assert.equal(killed.state, "stopped");
    assert.match(killed.lastExit?.cause ?? "", /killed by the agent/);
    assert.equal((await f.clients[1]!.echo("x", { deadlineMs: 60_000 })).code, UNAVAILABLE);
    await f.control(1).start();
    await waitState(f.control(1), "running");
    const restarted = await f.control(1).status();
    assert.equal(restarted.starts, before.starts + 1);
    assert.notEqual(restarted.pid, before.pid);
    assert.deepEqual((await f.clients[1]!.readFile("state")).reply, {
      found: true,
      content: "term=7",
    });

    await assert.rejects(f.control(1).wipe(), /stopped/, "no wipe under a running node");
    await f.control(1).kill();
    await f.control(1).wipe();
    await f.control(1).start();
    await waitState(f.control(1), "running");
    assert.deepEqual((await f.clients[1]!.readFile("state")).reply, { found: false, content: "" });
  });

  test("a node restarted with a skewed clock sees the time moved", async (t) => {
    if (!f.handle.sandbox.find((s) => s.step.includes("faketime"))?.applied) {
      t.skip("faketime is not installed here");
      return;
    }
    await f.control(0).kill();
    await f.control(0).start({ skewMs: 3_600_000 });
    await waitState(f.control(0), "running");
    assert.equal((await f.control(0).status()).skewMs, 3_600_000);
    const probe = await f.clients[0]!.probe("", "");
    const skew = (probe.reply?.now_ms ?? 0) - Date.now();
    assert.ok(skew > 3_000_000 && skew < 3_700_000, `skew seen ${skew} ms`);
    await f.control(0).kill();
    await f.control(0).start();
    await waitState(f.control(0), "running");
    const plain = await f.clients[0]!.probe("", "");
    assert.ok(
      Math.abs((plain.reply?.now_ms ?? 0) - Date.now()) < 600_000,
      "skew gone after a plain start",
    );
  });
});
