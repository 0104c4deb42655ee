// What the local queue promises beyond the bus contract: durability across restarts, a
// killed judge's messages taken back at once, dead letters kept and listed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { backoffMs } from "../../../shared/adapters/local/queue/backoff.ts";
import { LocalQueue } from "../../../shared/adapters/local/queue/index.ts";
import { DEAD_LETTER_ATTRIBUTES, TOPICS } from "../../../shared/domain/events.ts";
import type { Delivery } from "../../../shared/ports/bus.ts";
import { waitFor } from "../../contract/wait.ts";

const dir = mkdtempSync(join(tmpdir(), "cj-queue-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dbCount = 0;
const newDb = () => join(dir, `q${(dbCount += 1)}.db`);

/** Runs hold-message.ts until it holds a message, then SIGKILLs it. */
async function dieHolding(dbPath: string, topic: string): Promise<string> {
  const script = new URL("./fixtures/hold-message.ts", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", "tsx", script, dbPath, topic], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (b) => (out += b));
  await waitFor("the child to hold the message", () => out.includes("holding"));
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  return out;
}

test("back-off doubles from the base up to the cap", () => {
  const policy = { baseMs: 100, maxMs: 1_000 };
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((a) => backoffMs(policy, a)),
    [100, 200, 400, 800, 1_000, 1_000],
  );
});

test("a message published before a restart is delivered after it", async () => {
  const path = newDb();
  const first = new LocalQueue({ path });
  const id = await first.publish("t", { submissionId: "s1" });
  await first.close();
  const second = new LocalQueue({ path, pollMs: 20 });
  const got: Delivery[] = [];
  second.subscribe("t", async (_e, d) => void got.push(d));
  await waitFor("the delivery", () => got.length === 1);
  await second.close();
  assert.equal(got[0]?.messageId, id);
});

test("a killed judge's message is taken back at once, as a second attempt", async () => {
  const path = newDb();
  // The lease is far longer than this test may take: only the dead owner frees it.
  const publisher = new LocalQueue({ path, leaseMs: 600_000 });
  const id = await publisher.publish("t", { submissionId: "s2" });
  await publisher.close();
  const held = await dieHolding(path, "t");
  assert.match(held, new RegExp(`holding ${id} 1`));
  const restarted = new LocalQueue({ path, pollMs: 20, leaseMs: 600_000 });
  const got: Delivery[] = [];
  restarted.subscribe("t", async (_e, d) => void got.push(d));
  await waitFor("the redelivery", () => got.length === 1);
  await restarted.close();
  assert.deepEqual([got[0]?.messageId, got[0]?.attempt], [id, 2]);
});

test("a message whose last attempt died becomes a dead letter, kept and listed", async () => {
  const path = newDb();
  const publisher = new LocalQueue({ path });
  const id = await publisher.publish("t", { submissionId: "s3" }, { origin: "test" });
  await publisher.close();
  await dieHolding(path, "t");
  const restarted = new LocalQueue({ path, pollMs: 20, maxAttempts: 1 });
  const handled: unknown[] = [];
  const letters: Delivery[] = [];
  restarted.subscribe("t", async (e) => void handled.push(e));
  restarted.subscribe(TOPICS.deadLetter, async (_e, d) => void letters.push(d));
  await waitFor("the dead letter", () => letters.length === 1);
  assert.deepEqual(handled, [], "it is not delivered a second time");
  const listed = restarted.deadLetters();
  assert.equal(listed.length, 1);
  assert.deepEqual(listed[0]?.event, { submissionId: "s3" });
  assert.equal(listed[0]?.attempts, 1);
  assert.match(listed[0]?.lastError ?? "", /did not finish/);
  assert.deepEqual(restarted.deadLetter(id), listed[0]);
  assert.equal(restarted.deadLetter("nope"), null);
  assert.equal(letters[0]?.attributes[DEAD_LETTER_ATTRIBUTES.originalMessageId], id);
  assert.equal(letters[0]?.attributes.origin, "test");
  assert.deepEqual(restarted.counts("t"), { ready: 0, leased: 0, done: 0, dead: 1 });
  await restarted.close();
});

test("a failing message waits out its back-off before the next attempt", async () => {
  const queue = new LocalQueue({ path: newDb(), pollMs: 10, backoffBaseMs: 400 });
  const times: number[] = [];
  queue.subscribe("t", async () => {
    times.push(Date.now());
    if (times.length === 1) throw new Error("once");
  });
  await queue.publish("t", { submissionId: "s4" });
  await waitFor("the retry", () => times.length === 2);
  await queue.close();
  // A lower bound only: a retry must never come early; it may come late on a busy machine.
  assert.ok(times[1]! - times[0]! >= 400, `retried after ${times[1]! - times[0]!} ms`);
});
