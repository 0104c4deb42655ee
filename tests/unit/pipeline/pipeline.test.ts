// The local pipeline end to end, on the real builder and the real local cluster: the happy
// path, the user's build and deploy failures, and the judge's own failure.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { test } from "vitest";
import { STATUSES } from "../../../shared/domain/status.ts";
import type { StoreChange } from "../../../shared/ports/store.ts";
import type { ScenarioRunner } from "../../../shared/ports/scenarios.ts";
import { statusRunner } from "./fixtures/status-runner.ts";
import { PYTHON_NODE, openPipeline, runCounts, type Harness } from "./harness.ts";

const SCENARIOS = ["first", "second", "third"];

test("a submission goes from queued to completed with each scenario run once", async () => {
  const h = openPipeline(statusRunner(SCENARIOS, 600));
  try {
    const s = await h.pipeline.accept({
      problem: "raft",
      language: "python",
      files: { "main.py": PYTHON_NODE },
      seed: 11,
    });
    const seen: StoreChange[] = [];
    const stop = h.pipeline.store.watch(s.id, (c) => seen.push(c));
    h.pipeline.start();
    const done = await h.pipeline.waitFor(s.id);
    stop();

    assert.equal(done.status, "completed");
    assert.deepEqual(done.outcome, { verdict: "accepted", passed: 3, total: 3 });
    const order = ["queued", "building", "deploying", "testing", "completed"];
    assert.deepEqual(Object.keys(done.stageTimes).sort(), [...order].sort());
    const times = order.map((st) => done.stageTimes[st as (typeof STATUSES)[number]]!);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      "stages are stamped in order",
    );
    const results = await h.pipeline.store.listResults(s.id);
    assert.deepEqual(
      results.map((r) => [r.index, r.result.name, r.result.verdict, r.result.seed]),
      SCENARIOS.map((name, i) => [i, name, "pass", 11]),
    );
    assert.deepEqual(runCounts(h, s.id, SCENARIOS), [1, 1, 1]);
    for (const name of SCENARIOS) {
      assert.ok(existsSync(join(h.home.runDir(s.id), "scenarios", name, "statuses.json")));
    }
    assert.deepEqual(h.calls, { builds: 1, deploys: 1, teardowns: 1 });
    assert.equal(done.cluster?.deploys, 1);
    assert.equal(done.cluster?.nodes.length, 5);
    assert.ok(done.tornDownAt, "the cluster is torn down");
    assert.equal(done.tornDownReason, "after the verdict");
    assert.equal(done.claim, undefined);
    assert.equal(await h.pipeline.ports.cluster.attach(s.id), null);

    const statuses = seen.flatMap((c) => (c.kind === "submission" ? [c.submission.status] : []));
    assert.deepEqual([...new Set(statuses)], order, "the watcher saw every stage");
    assert.ok(
      seen.some((c) => c.kind === "progress"),
      "progress was live",
    );
    assert.equal(seen.filter((c) => c.kind === "result").length, 3);
  } finally {
    await h.dispose();
  }
});

test("a build error stops at build_failed with file and line, and deploys nothing", async () => {
  const h = openPipeline(statusRunner(SCENARIOS, 100));
  try {
    const files = { "main.py": "import os\n\ndef broken(:\n    pass\n" };
    const s = await h.pipeline.accept({ problem: "raft", language: "python", files });
    h.pipeline.start();
    const done = await h.pipeline.waitFor(s.id);
    assert.equal(done.status, "build_failed");
    assert.deepEqual(done.outcome, { verdict: "build_error", passed: 0, total: 3 });
    assert.equal(done.error?.stage, "build");
    assert.deepEqual(
      done.error?.diagnostics?.map((d) => [d.file, d.line]),
      [["main.py", 3]],
    );
    assert.deepEqual(h.calls, { builds: 1, deploys: 0, teardowns: 0 });
    assert.deepEqual(await h.pipeline.store.listResults(s.id), []);
  } finally {
    await h.dispose();
  }
});

test("a node that cannot start fails the deploy with its own log, and is torn down", async () => {
  const h = openPipeline(statusRunner(SCENARIOS, 100));
  try {
    const main =
      "import sys\nprint('cannot open the raft log: disk says no', file=sys.stderr)\nsys.exit(3)\n";
    const s = await h.pipeline.accept({
      problem: "raft",
      language: "python",
      files: { "main.py": main },
    });
    h.pipeline.start();
    const done = await h.pipeline.waitFor(s.id);
    assert.equal(done.status, "deploy_failed");
    assert.deepEqual(done.outcome, { verdict: "deploy_error", passed: 0, total: 3 });
    assert.equal(done.error?.stage, "deploy");
    assert.match(done.error?.log?.join("\n") ?? "", /cannot open the raft log: disk says no/);
    assert.ok(done.tornDownAt);
    assert.equal(done.tornDownReason, "the deploy failed");
    assert.deepEqual(await h.pipeline.store.listResults(s.id), []);
  } finally {
    await h.dispose();
  }
});

/**
 * The scenario runner itself breaks on the second scenario, the judge's fault and not the
 * user's, after `also` broke something else.
 */
function breaksOnSecond(also: () => void = () => {}): ScenarioRunner {
  const real = statusRunner(SCENARIOS, 100);
  return {
    names: real.names,
    run: async (opts) => {
      if (opts.scenario !== "second") return real.run(opts);
      also();
      throw new Error("the checker ran out of memory");
    },
  };
}

/** Accepts the Python node, starts the workers, and waits until it is finished. */
async function judgedToTheEnd(h: Harness) {
  const s = await h.pipeline.accept({
    problem: "raft",
    language: "python",
    files: { "main.py": PYTHON_NODE },
  });
  h.pipeline.start();
  return { s, done: await h.pipeline.waitFor(s.id) };
}

test("a step that fails every attempt makes the submission failed, and tears down", async () => {
  const h = openPipeline(breaksOnSecond(), { maxAttempts: 2, backoffBaseMs: 50 });
  try {
    const { s, done } = await judgedToTheEnd(h);
    assert.equal(done.status, "failed");
    // The first scenario passed before the judge broke: counted, and still a judge error.
    assert.deepEqual(done.outcome, { verdict: "judge_error", passed: 1, total: 3 });
    assert.equal(done.error?.stage, "pipeline");
    assert.match(
      done.error?.message ?? "",
      /test-runner step failed 2 times; last error: Error: the checker ran out of memory/,
    );
    assert.ok(done.tornDownAt);
    assert.equal(done.tornDownReason, "the judge failed");
    assert.deepEqual(
      (await h.pipeline.store.listResults(s.id)).map((r) => r.result.name),
      ["first"],
    );
    const letters = h.pipeline.queue.deadLetters();
    assert.deepEqual(
      letters.map((l) => [l.topic, l.event]),
      [["test-runner", { submissionId: s.id, scenarioIndex: 1 }]],
    );
  } finally {
    await h.dispose();
  }
});

test("a dead-letter step that fails too still ends the submission failed, and the waiter returns", async () => {
  let dbPath = "";
  // The first scenario's stored result is corrupted on disk before the runner breaks: the
  // dead-letter step reads the results, so it fails on every delivery as well.
  const corrupt = () => {
    const db = new Database(dbPath);
    db.prepare("UPDATE results SET doc = '{not json' WHERE idx = 0").run();
    db.close();
  };
  const h = openPipeline(breaksOnSecond(corrupt), { maxAttempts: 2, backoffBaseMs: 50 });
  dbPath = h.home.dbPath;
  try {
    const { done } = await judgedToTheEnd(h);
    assert.equal(done.status, "failed");
    assert.equal(done.error?.stage, "pipeline");
    assert.match(
      done.error?.message ?? "",
      /dead-letter step failed too, so the judge gave up; last error: SyntaxError/,
    );
    assert.deepEqual(done.outcome, { verdict: "judge_error", passed: 0, total: 3 });
    assert.equal(done.tornDownReason, "the judge failed");
    // Both the step's message and the dead-letter step's own are kept to look at.
    assert.deepEqual(
      h.pipeline.queue
        .deadLetters()
        .map((l) => l.topic)
        .sort(),
      ["dead-letter", "test-runner"],
    );
  } finally {
    await h.dispose();
  }
});
