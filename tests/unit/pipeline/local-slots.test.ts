// The local platform's K slots on the real SQLite store and queue: a submission is taken
// only on its turn with a slot free, a verdict whose cluster is still up keeps its slot, and
// the dispatcher sends on whoever's turn came, once.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { LocalQueue } from "../../../shared/adapters/local/queue/index.ts";
import { LocalStore } from "../../../shared/adapters/local/store/index.ts";
import { nextEvent, TOPICS } from "../../../shared/domain/events.ts";
import { advance, tornDown } from "../../../shared/domain/lifecycle.ts";
import type { SubmissionStatus } from "../../../shared/domain/status.ts";
import { newSubmission } from "../../../shared/domain/submission.ts";
import { LocalSlots } from "../../../shared/pipeline/local-slots.ts";

const dir = mkdtempSync(join(tmpdir(), "cj-slots-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(slots: number) {
  const path = join(dir, `${slots}-${Math.random().toString(36).slice(2)}.db`);
  const store = new LocalStore({ path });
  const queue = new LocalQueue({ path });
  let now = 1_000;
  const clock = { nowMs: () => (now += 1) };
  const local = new LocalSlots({ store, queue, slots, ...clock });
  const add = async (id: string, owner: string) => {
    const input = { problemId: 9, problem: "g-counter", language: "python" as const, files: {} };
    const s = newSubmission({ ...input, scenarios: ["steady"] }, { id, nowMs: now++, seed: 1 });
    await store.create({ ...s, ownerId: owner });
  };
  const move = async (id: string, ...to: SubmissionStatus[]) => {
    for (const status of to) {
      await store.transition(id, (s) => advance(s, status as "deploying", clock.nowMs()));
    }
  };
  const status = async (id: string) => (await store.get(id))?.status;
  return {
    store,
    queue,
    local,
    add,
    move,
    status,
    close: async () => {
      await queue.close();
      await store.close();
    },
  };
}

test("only the submissions whose turn it is are taken, while slots are free", async () => {
  const t = open(2);
  try {
    for (const id of ["a1", "a2", "a3"]) await t.add(id, "alice");
    await t.add("b1", "bob");
    // Turns: a1 (first come), then b1 (bob has no load), then a2.
    assert.equal(await t.local.take("a2"), false, "a2 waits for b1");
    assert.equal(await t.status("a2"), "queued");
    assert.equal(await t.local.take("b1"), true);
    assert.equal(await t.status("b1"), "building");
    assert.equal(await t.local.take("a1"), true);
    assert.equal(await t.local.take("a2"), false, "both slots are held");
    assert.deepEqual(await t.local.standing(), { holders: 2, waiting: 2 });
    assert.equal(await t.local.take("b1"), true, "not queued any more: the step decides");
    assert.equal(await t.local.take("nobody"), true, "no such submission: the step decides");
  } finally {
    await t.close();
  }
});

test("a verdict frees its slot once its cluster is torn down, not before", async () => {
  const t = open(1);
  try {
    await t.add("a1", "alice");
    await t.add("a2", "alice");
    assert.deepEqual(await t.local.dispatch(), ["a1"]);
    assert.deepEqual(await t.local.dispatch(), [], "a1's message is on its way already");
    assert.equal(await t.local.take("a1"), true);
    await t.move("a1", "deploying", "deploy_failed");
    // The teardown is queued: the cluster may still run.
    await t.queue.publish(TOPICS.teardown, nextEvent.teardown("a1", "test").event);
    assert.deepEqual(await t.local.standing(), { holders: 1, waiting: 1 });
    assert.equal(await t.local.take("a2"), false);
    assert.deepEqual(await t.local.dispatch(), []);
    await t.store.transition("a1", (s) => tornDown(s, 5_000, "test"));
    assert.deepEqual(await t.local.standing(), { holders: 0, waiting: 1 });
    assert.deepEqual(await t.local.dispatch(), ["a2"]);
    assert.ok(t.queue.pendingSubmissionIds().has("a2"));
  } finally {
    await t.close();
  }
});

test("a user who was just served waits for one who was not; a build failure frees at once", async () => {
  const t = open(1);
  try {
    await t.add("a1", "alice");
    await t.add("a2", "alice");
    await t.add("b1", "bob");
    assert.equal(await t.local.take("a1"), true);
    await t.move("a1", "build_failed");
    // a2 came before b1, but alice was served since: bob's turn.
    assert.equal(await t.local.take("a2"), false);
    assert.deepEqual(await t.local.dispatch(), ["b1"]);
    assert.equal(await t.local.take("b1"), true);
    await t.move("b1", "build_failed");
    assert.deepEqual(await t.local.dispatch(), ["a2"]);
  } finally {
    await t.close();
  }
});

test("three taken at once: only the one whose turn it is gets the one slot", async () => {
  const t = open(1);
  try {
    await t.add("a1", "alice");
    await t.add("b1", "bob");
    await t.add("c1", "carol");
    const taken = await Promise.all(["c1", "b1", "a1"].map((id) => t.local.take(id)));
    assert.deepEqual(taken, [false, false, true], "a1 came first");
    const statuses = await Promise.all(["a1", "b1", "c1"].map((id) => t.status(id)));
    assert.deepEqual(statuses, ["building", "queued", "queued"]);
  } finally {
    await t.close();
  }
});
