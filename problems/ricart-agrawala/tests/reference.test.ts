// The reference's logic over a seeded simulated network (simulation.ts): on every schedule
// fast-check draws, with delays, drops and lost answers, every acquire is granted and the
// checks hold on what the judge would have recorded. And the node's own rules, directly:
// retries, busy, withdrawal, deduplication, the clock; and the outbox's resends.
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import { mutexChecks } from "../checks.ts";
import { Busy, InvalidRequest, MutexNode, Released } from "../reference/typescript/mutex-node.ts";
import { PeerOutbox } from "../reference/typescript/peer-outbox.ts";
import type { PeerClient } from "../reference/typescript/proto.ts";
import { pausedLike, simulate } from "./simulation.ts";

const checkOpts = { searchTimeoutMs: 1000 };

test("on random schedules every acquire is granted and every check holds", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 2 ** 30 }),
      fc.constantFrom(0, 0.2),
      fc.constantFrom(0, 0.15),
      fc.constantFrom<[number, number]>([1, 3], [0, 60], [20, 300]),
      fc.constantFrom<[number, number]>([0, 10], [0, 30], [600, 900]),
      async (seed, dropProbability, loseAnswerProbability, delayMs, slowThink) => {
        const { run, ungranted } = await simulate({
          seed,
          dropProbability,
          loseAnswerProbability,
          delayMs,
          thinkMs: [[0, 10], [0, 30], slowThink],
          holdMs: [20, 50],
          durationMs: 5000,
        });
        assert.equal(ungranted, 0, "every acquire granted");
        for (const check of mutexChecks) {
          const result = check.run(run, checkOpts);
          const faultFree = run.faults.length === 0;
          if (check.name === "liveness" && !faultFree) continue;
          assert.equal(result.status, "holds", `${check.name}: ${result.message}`);
        }
      },
    ),
    { numRuns: 300 },
  );
}, 60_000);

test("the first requests tie at timestamp 1 and node-0 enters first", async () => {
  const { run } = await simulate({
    seed: 7,
    dropProbability: 0,
    loseAnswerProbability: 0,
    delayMs: [5, 5],
    thinkMs: [
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    holdMs: [20, 20],
    durationMs: 500,
  });
  const firsts = run.history.filter((op) => op.f === "acquire" && op.sequence === 1);
  assert.deepEqual(
    firsts.map((op) => op.output),
    [1, 1, 1],
  );
  const byGrant = [...firsts].sort((a, b) => (a.endMs ?? 0) - (b.endMs ?? 0));
  assert.deepEqual(
    byGrant.map((op) => op.key),
    ["node-0", "node-1", "node-2"],
  );
});

/** A node whose sent messages are kept, not delivered. */
function node(id = "node-1") {
  const sent: string[] = [];
  const n = new MutexNode(
    id,
    ["node-0", "node-1", "node-2"].filter((p) => p !== id),
    (peer, kind, ts) => sent.push(`${kind} ${peer} ${ts}`),
  );
  return { n, sent };
}

test("a retried acquire waits for the same request; another is busy; a release withdraws or leaves", async () => {
  const { n, sent } = node();
  const first = n.acquire("c1", 1);
  const retry = n.acquire("c1", 1);
  assert.deepEqual(sent, ["Request node-0 1", "Request node-2 1"], "one request for both calls");
  await assert.rejects(n.acquire("c9", 1), Busy);
  await assert.rejects(n.acquire("", 1), InvalidRequest);
  n.onReply("node-0", 1);
  n.onReply("node-0", 1);
  n.onReply("node-2", 1);
  assert.equal(await first, 1);
  assert.equal(await retry, 1);
  assert.equal(await n.acquire("c1", 1), 1, "a retry after the grant answers at once");
  n.release("c1", 1);
  n.release("c1", 1);
  await assert.rejects(n.acquire("c1", 1), Released, "a late retry of a released acquire");
  // A request withdrawn before its grant: the waiting call fails, a late Reply is ignored.
  const pending = n.acquire("c1", 2);
  n.release("c1", 2);
  await assert.rejects(pending, Released);
  n.onReply("node-0", 4);
  n.onReply("node-2", 4);
  const next = n.acquire("c1", 3);
  assert.match(sent.at(-1) ?? "", /^Request node-2 \d+$/);
  void next;
});

test("defers a request that comes after its own or while holding, replies on release; dedups resends; the clock advances on receive", async () => {
  const { n, sent } = node("node-1");
  n.onRequest("node-0", 5);
  assert.deepEqual(sent, ["Reply node-0 5"], "idle: replies at once");
  n.onRequest("node-0", 5);
  assert.equal(sent.length, 1, "a resent Request is not answered twice");
  const mine = n.acquire("c1", 1);
  assert.equal(
    sent.at(-1),
    "Request node-2 8",
    "clock: 6 on the Request, 7 on its resend, 8 for the request",
  );
  n.onRequest("node-2", 8);
  n.onRequest("node-0", 10);
  assert.equal(
    sent.length,
    3,
    "(8, node-1) goes before (8, node-2) and (10, node-0): both deferred",
  );
  n.onReply("node-0", 8);
  n.onReply("node-2", 8);
  assert.equal(await mine, 8);
  n.release("c1", 1);
  assert.deepEqual(sent.slice(3).sort(), ["Reply node-0 10", "Reply node-2 8"]);
  const second = node("node-2");
  void second.n.acquire("c2", 1);
  second.n.onRequest("node-0", 1);
  assert.equal(second.sent.at(-1), "Reply node-0 1", "(1, node-0) goes before (1, node-2)");
});

test("the outbox resends a call that failed until the peer acknowledges it, then stops", async () => {
  const calls: string[] = [];
  let failures = 2;
  const answer = (req: { timestamp: number }, cb: (err: Error | null) => void, kind: string) => {
    calls.push(`${kind} ${req.timestamp}`);
    setTimeout(() => cb(failures-- > 0 ? new Error("unavailable") : null), 1);
  };
  const peer = {
    Request: (req: { timestamp: number }, _o: unknown, cb: (err: Error | null) => void) =>
      answer(req, cb, "Request"),
    Reply: (req: { timestamp: number }, _o: unknown, cb: (err: Error | null) => void) =>
      answer(req, cb, "Reply"),
  } as unknown as PeerClient;
  new PeerOutbox("node-0", peer).deliver("Reply", 4);
  // Polled, not timed: the resends back off, and a loaded machine is slower still.
  for (const until = Date.now() + 5000; calls.length < 3 && Date.now() < until;)
    await new Promise((r) => setTimeout(r, 20));
  // Acknowledged on the third call: nothing more goes out after it.
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(calls, ["Reply 4", "Reply 4", "Reply 4"], "two failures, then acknowledged");
});

test("a node paused longer than the client's deadline: retries wait for the same request, every check holds", async () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const { run, ungranted } = await simulate({ ...pausedLike, seed });
    assert.equal(ungranted, 0);
    assert.ok(
      run.history.some((op) => op.attempts.length > 1),
      "some acquire was retried",
    );
    for (const check of mutexChecks) {
      if (check.name === "liveness") continue;
      const result = check.run(run, checkOpts);
      assert.equal(result.status, "holds", `seed ${seed}, ${check.name}: ${result.message}`);
    }
  }
});
