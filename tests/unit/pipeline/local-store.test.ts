// What the SQLite store promises beyond the store contract: it survives a restart, and a
// watcher on another connection (another process: the UI server, a second terminal) sees
// the judge's writes.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { LocalStore } from "../../../shared/adapters/local/store/index.ts";
import { advance } from "../../../shared/domain/lifecycle.ts";
import type { StoreChange } from "../../../shared/ports/store.ts";
import { aResult, aSubmission } from "../../contract/fixtures.ts";
import { waitFor } from "../../contract/wait.ts";

const dir = mkdtempSync(join(tmpdir(), "cj-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("submissions and results survive closing and reopening the store", async () => {
  const path = join(dir, "durable.db");
  const s = aSubmission();
  const first = new LocalStore({ path });
  await first.create(s);
  await first.transition(s.id, (c) => advance(c, "building", 5));
  await first.putResult(s.id, 0, aResult("leader_election"));
  await first.close();
  const second = new LocalStore({ path });
  assert.equal((await second.get(s.id))?.status, "building");
  assert.equal((await second.listResults(s.id)).length, 1);
  await second.close();
});

test("a watcher on another connection sees every change the writer makes", async () => {
  const path = join(dir, "shared.db");
  const writer = new LocalStore({ path });
  const reader = new LocalStore({ path, pollMs: 20 });
  const s = aSubmission();
  const seen: StoreChange[] = [];
  const stop = reader.watch(s.id, (c) => seen.push(c));
  await writer.create(s);
  await writer.transition(s.id, (c) => advance(c, "building", 5));
  await writer.putResult(s.id, 0, aResult("leader_election"));
  await waitFor("three changes", () => seen.length === 3);
  stop();
  assert.deepEqual(
    seen.map((c) => (c.kind === "submission" ? c.submission.status : c.kind)),
    ["queued", "building", "result"],
  );
  await Promise.all([writer.close(), reader.close()]);
});

test("a run finished before outcomes were stored gets its outcome when the store opens", async () => {
  const path = join(dir, "older.db");
  // As an older judge wrote it: a terminal status, its results, and no outcome.
  const old = aSubmission({ status: "completed" });
  const building = aSubmission({ status: "building" });
  const first = new LocalStore({ path });
  await first.create(old);
  await first.create(building);
  await first.putResult(old.id, 0, aResult("leader_election"));
  await first.putResult(old.id, 1, aResult("log_replication", "fail"));
  assert.equal((await first.get(old.id))?.outcome, undefined);
  await first.close();
  const second = new LocalStore({ path });
  const wrong = {
    verdict: "wrong_answer",
    passed: 1,
    total: 2,
    firstFailure: { scenario: "log_replication", reason: "a stale read" },
  };
  assert.deepEqual((await second.get(old.id))?.outcome, wrong);
  assert.equal((await second.get(old.id))?.updatedAt, old.updatedAt, "nothing else changes");
  assert.equal((await second.get(building.id))?.outcome, undefined, "unfinished: none yet");
  const listed = await second.list({ verdict: "wrong_answer" });
  assert.deepEqual(
    listed.map((s) => [s.id, s.outcome]),
    [[old.id, wrong]],
  );
  await second.close();
});
