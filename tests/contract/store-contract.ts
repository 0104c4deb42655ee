// The store port's contract: every adapter (SQLite now, Firestore later) runs this suite.
import assert from "node:assert/strict";
import { afterAll, beforeAll, describe, test as nodeTest } from "vitest";
import { advance, tornDown, withClaim } from "../../shared/domain/lifecycle.ts";
import {
  LISTED_FIELDS,
  cursorOf,
  toListing,
  type ListCursor,
} from "../../shared/domain/listing.ts";
import type { OverallVerdict } from "../../shared/domain/outcome.ts";
import { IllegalTransitionError } from "../../shared/domain/status.ts";
import { summarize, type Submission } from "../../shared/domain/submission.ts";
import {
  SubmissionExistsError,
  SubmissionNotFoundError,
  type ListQuery,
  type Store,
  type StoreChange,
} from "../../shared/ports/store.ts";
import { aResult, aSubmission } from "./fixtures.ts";
import { waitFor } from "./wait.ts";
import { skipIf } from "../support/skip.ts";

export interface StoreUnderTest {
  store: Store;
  /** Closes the store and removes what the factory made. */
  dispose(): Promise<void>;
}

export function storeContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  skip?: string,
): void {
  describe(`store contract: ${name}`, () => {
    // Skipped cases are still listed one by one, each with the reason.
    const test = (title: string, fn: () => Promise<void>) => nodeTest(title, skipIf(skip), fn);
    let subject: StoreUnderTest;
    let store: Store;
    beforeAll(async () => {
      if (skip) return;
      subject = await makeStore();
      store = subject.store;
    });
    afterAll(async () => subject?.dispose());

    test("create then get returns the submission; an unknown id is null", async () => {
      const s = aSubmission();
      await store.create(s);
      assert.deepEqual(await store.get(s.id), s);
      assert.equal(await store.get("no-such-id"), null);
    });

    test("creating an id twice is refused and keeps the first", async () => {
      const s = aSubmission();
      await store.create(s);
      await assert.rejects(store.create({ ...s, seed: 99 }), SubmissionExistsError);
      assert.equal((await store.get(s.id))?.seed, s.seed);
    });

    test("transition writes what decide returns; null writes nothing", async () => {
      const s = aSubmission();
      await store.create(s);
      const moved = await store.transition(s.id, (c) => advance(c, "building", c.createdAt + 5));
      assert.equal(moved.applied, true);
      assert.equal(moved.submission.status, "building");
      assert.equal(moved.submission.stageTimes.building, s.createdAt + 5);
      const declined = await store.transition(s.id, () => null);
      assert.equal(declined.applied, false);
      assert.deepEqual(declined.submission, moved.submission);
      assert.deepEqual(await store.get(s.id), moved.submission);
    });

    test("an illegal status change fails the transaction and writes nothing", async () => {
      const s = aSubmission();
      await store.create(s);
      await assert.rejects(
        store.transition(s.id, (c) => ({ ...c, status: "completed" })),
        IllegalTransitionError,
      );
      assert.equal((await store.get(s.id))?.status, "queued");
    });

    test("transition of an unknown id rejects", async () => {
      await assert.rejects(
        store.transition("no-such-id", (c) => c),
        SubmissionNotFoundError,
      );
    });

    test("of concurrent transitions with one precondition, exactly one applies", async () => {
      const s = aSubmission();
      await store.create(s);
      const attempts = Array.from({ length: 8 }, (_, i) =>
        store.transition(s.id, (c) => (c.status === "queued" ? advance(c, "building", i) : null)),
      );
      const outcomes = await Promise.all(attempts);
      assert.equal(outcomes.filter((o) => o.applied).length, 1);
      assert.equal((await store.get(s.id))?.status, "building");
    });

    test("admit counts per key within the window, refuses past the limit, then admits again", async () => {
      const rule = { limit: 3, windowMs: 60_000 };
      const key = `user-${Math.random()}`;
      const other = `${key}/other`;
      const t0 = 1_000_000;
      for (const at of [t0, t0 + 10, t0 + 20]) {
        assert.deepEqual(await store.admit(key, rule, at), { admitted: true });
      }
      assert.deepEqual(await store.admit(key, rule, t0 + 30), {
        admitted: false,
        retryAfterMs: 60_000 - 30,
      });
      assert.deepEqual(
        await store.admit(other, rule, t0 + 30),
        { admitted: true },
        "its own count",
      );
      // A refusal is not counted: the first admission leaving the window frees one place.
      assert.deepEqual(await store.admit(key, rule, t0 + 60_000), { admitted: true });
      assert.equal((await store.admit(key, rule, t0 + 60_001)).admitted, false);
    });

    test("of concurrent admissions for one key, exactly the limit are admitted", async () => {
      const rule = { limit: 3, windowMs: 60_000 };
      const key = `user-${Math.random()}`;
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.admit(key, rule, 5_000 + i)),
      );
      assert.equal(outcomes.filter((o) => o.admitted).length, 3);
    });

    test("a scenario result is stored once: the first write wins", async () => {
      const s = aSubmission();
      await store.create(s);
      assert.equal(await store.putResult(s.id, 1, aResult("log_replication")), true);
      assert.equal(await store.putResult(s.id, 0, aResult("leader_election")), true);
      assert.equal(await store.putResult(s.id, 0, aResult("leader_election", "fail")), false);
      const results = await store.listResults(s.id);
      assert.deepEqual(
        results.map((r) => [r.index, r.result.name, r.result.verdict]),
        [
          [0, "leader_election", "pass"],
          [1, "log_replication", "pass"],
        ],
      );
      await assert.rejects(store.putResult("no-such-id", 0, aResult("x")), SubmissionNotFoundError);
    });

    test("list filters by status, newest first", async () => {
      const base = Date.now() + 1_000_000;
      const older = aSubmission({ createdAt: base, status: "testing" });
      const newer = aSubmission({ createdAt: base + 1, status: "testing" });
      const other = aSubmission({ createdAt: base + 2, status: "completed" });
      for (const s of [older, newer, other]) await store.create(s);
      const testing = (await store.list({ statuses: ["testing"] })).map((s) => s.id);
      assert.deepEqual(
        testing.filter((id) => id === older.id || id === newer.id),
        [newer.id, older.id],
      );
      assert.ok(!testing.includes(other.id));
      assert.equal((await store.list({ limit: 1 })).length, 1);
    });

    test("list filters by owner, and keeps the owner on each submission", async () => {
      const alice = `alice-${Date.now()}`;
      const hers = aSubmission({ ownerId: alice });
      const theirs = aSubmission({ ownerId: `bob-${Date.now()}` });
      const nobodys = aSubmission();
      for (const s of [hers, theirs, nobodys]) await store.create(s);
      const listed = await store.list({ ownerId: alice });
      assert.deepEqual(
        listed.map((s) => [s.id, s.ownerId]),
        [[hers.id, alice]],
      );
      assert.equal((await store.get(nobodys.id))?.ownerId, undefined);
    });

    test("list gives the listed fields only: no files, build record or error", async () => {
      const owner = `lister-${Date.now()}`;
      const now = Date.now();
      const s = aSubmission({
        ownerId: owner,
        status: "build_failed",
        stageTimes: { queued: now, building: now + 1, build_failed: now + 2 },
        build: { command: { argv: ["python3", "main.py"], cwd: "/b" }, outDir: "/b", log: ["x"] },
        error: { stage: "build", message: "it did not build", log: ["a long log"] },
        claim: { step: "build", holder: "m-1", attempt: 1, token: "t-1", expiresAtMs: now },
      });
      await store.create(s);
      const [listed, ...rest] = await store.list({ ownerId: owner });
      assert.deepEqual(rest, []);
      assert.deepEqual(listed, toListing(s));
      assert.deepEqual(
        Object.keys(listed ?? {}).sort(),
        LISTED_FIELDS.filter((f) => s[f] !== undefined).sort(),
      );
      for (const field of ["files", "build", "error"]) assert.equal(field in (listed ?? {}), false);
    });

    test("a terminal status's outcome is stored, read back and listed", async () => {
      const owner = `judged-${Date.now()}`;
      const s = aSubmission({ ownerId: owner });
      await store.create(s);
      for (const to of ["building", "deploying", "testing"] as const) {
        await store.transition(s.id, (c) => advance(c, to, Date.now()));
      }
      await store.putResult(s.id, 0, aResult("leader_election"));
      await store.putResult(s.id, 1, aResult("log_replication", "fail"));
      const results = (await store.listResults(s.id)).map((r) => r.result);
      const done = await store.transition(s.id, (c) =>
        advance(c, "completed", Date.now(), { results }),
      );
      const outcome = {
        verdict: "wrong_answer",
        passed: 1,
        total: 2,
        firstFailure: { scenario: "log_replication", reason: "a stale read" },
      };
      assert.deepEqual(done.submission.outcome, outcome);
      assert.deepEqual((await store.get(s.id))?.outcome, outcome);
      const [listed] = await store.list({ ownerId: owner });
      assert.deepEqual(listed?.outcome, outcome);
    });

    test("list filters by problem, verdict and status together", async () => {
      const owner = `filtered-${Date.now()}`;
      const made = (problem: string, status: Submission["status"], verdict?: OverallVerdict) =>
        aSubmission({
          ownerId: owner,
          problem,
          status,
          ...(verdict ? { outcome: { verdict, passed: 0, total: 2 } } : {}),
        });
      const raftWrong = made("raft", "completed", "wrong_answer");
      const raftAccepted = made("raft", "completed", "accepted");
      const raftBuild = made("raft", "build_failed", "build_error");
      const kvWrong = made("kv-store", "completed", "wrong_answer");
      const raftTesting = made("raft", "testing");
      for (const s of [raftWrong, raftAccepted, raftBuild, kvWrong, raftTesting]) {
        await store.create(s);
      }
      const ids = async (q: ListQuery) =>
        (await store.list({ ownerId: owner, ...q })).map((s) => s.id).sort();
      const sorted = (...s: Submission[]) => s.map((x) => x.id).sort();
      assert.deepEqual(
        await ids({ problem: "raft" }),
        sorted(raftWrong, raftAccepted, raftBuild, raftTesting),
      );
      assert.deepEqual(await ids({ verdict: "wrong_answer" }), sorted(raftWrong, kvWrong));
      assert.deepEqual(await ids({ problem: "raft", verdict: "wrong_answer" }), sorted(raftWrong));
      assert.deepEqual(
        await ids({ problem: "raft", statuses: ["completed"] }),
        sorted(raftWrong, raftAccepted),
      );
      assert.deepEqual(await ids({ problem: "raft", verdict: "deploy_error" }), []);
    });

    test("list pages newest first by cursor, and a newer submission shifts no page", async () => {
      const owner = `pager-${Date.now()}`;
      const base = Date.now() + 2_000_000;
      // Two share a creation time: the id breaks the tie, so neither is lost between pages.
      const times = [base, base + 1, base + 1, base + 2, base + 3];
      const all = times.map((createdAt) => aSubmission({ ownerId: owner, createdAt }));
      for (const s of all) await store.create(s);
      const newestFirst = [...all]
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
        .map((s) => s.id);
      const seen: string[] = [];
      let after: ListCursor | undefined;
      for (let page = 0; page < 3; page++) {
        const listed = await store.list({ ownerId: owner, limit: 2, ...(after ? { after } : {}) });
        seen.push(...listed.map((s) => s.id));
        const last = listed.at(-1);
        if (last) after = cursorOf(last);
        // A new submission after the first page goes to the top, never into a later page.
        if (page === 0) await store.create(aSubmission({ ownerId: owner, createdAt: base + 9 }));
      }
      assert.deepEqual(seen, newestFirst);
      assert.deepEqual(await store.list({ ownerId: owner, ...(after ? { after } : {}) }), []);
    });

    test("a teardown keeps when and why; the first one stays", async () => {
      const owner = `tearer-${Date.now()}`;
      const s = aSubmission({ ownerId: owner });
      await store.create(s);
      const at = s.createdAt + 31 * 60_000;
      const first = await store.transition(s.id, (c) => tornDown(c, at, "idle for 31 min"));
      assert.equal(first.applied, true);
      const again = await store.transition(s.id, (c) => tornDown(c, at + 5, "after the verdict"));
      assert.equal(again.applied, false, "a second teardown changes nothing");
      const stored = await store.get(s.id);
      assert.equal(stored?.tornDownAt, at);
      assert.equal(stored?.tornDownReason, "idle for 31 min");
      const [listed] = await store.list({ ownerId: owner });
      assert.equal(listed?.tornDownAt, at);
      assert.equal(listed?.tornDownReason, "idle for 31 min");
    });

    test("watch shows the submission, its results, then each change in order", async () => {
      const s = aSubmission();
      await store.create(s);
      await store.putResult(s.id, 0, aResult("leader_election"));
      const seen: StoreChange[] = [];
      const stop = store.watch(s.id, (c) => seen.push(c));
      await waitFor("the initial snapshot", () => seen.length >= 2);
      assert.deepEqual(seen[0], { kind: "submission", submission: summarize(s) });
      assert.equal(seen[1]?.kind, "result");

      const claim = {
        step: "build",
        holder: "m-1",
        attempt: 1,
        token: "t-1",
        expiresAtMs: Date.now() + 60_000,
      };
      await store.transition(s.id, (c) => withClaim(c, claim, Date.now()));
      await store.transition(s.id, (c) => advance(c, "building", Date.now()));
      const progress = {
        scenario: "log_replication",
        phase: "workload",
        faults: ["node-2 killed"],
        opsDone: 12,
        elapsedMs: 800,
        index: 1,
        atMs: Date.now(),
      };
      await store.putProgress(s.id, progress);
      await store.putResult(s.id, 1, aResult("log_replication"));
      await waitFor("three more changes", () => seen.length >= 5);
      stop();
      const later = seen.slice(2);
      assert.deepEqual(
        later.map((c) => c.kind),
        ["submission", "progress", "result"],
        "the claim-only change is not shown",
      );
      const moved = later[0] as { kind: "submission"; submission: Submission };
      assert.equal(moved.submission.status, "building");
      assert.equal("files" in moved.submission, false);
      assert.deepEqual((later[1] as { progress: unknown }).progress, progress);

      await store.transition(s.id, (c) => advance(c, "deploying", Date.now()));
      await store.putResult(s.id, 2, aResult("client_redirect"));
      // Another watcher sees those writes; the stopped one must not.
      const probe: StoreChange[] = [];
      const stopProbe = store.watch(s.id, (c) => probe.push(c));
      await waitFor("a second watcher's snapshot", () => probe.length >= 4);
      stopProbe();
      assert.equal(seen.length, 5);
    });
  });
}
