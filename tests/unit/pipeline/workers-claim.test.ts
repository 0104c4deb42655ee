// One home, one set of workers: a second pipeline on the same home joins the first (it
// queues, the first judges) and takes the workers over when the first stops, or at once when
// the first was killed (its claim names a process that is gone).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, test } from "vitest";
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";
import { judgeHome } from "../../../shared/pipeline/home.ts";
import { LocalPipeline } from "../../../shared/pipeline/local-pipeline.ts";
import { statusRunner } from "./fixtures/status-runner.ts";

const root = mkdtempSync(join(tmpdir(), "cj-workers-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pipelineOn(home: string, warnings: string[]): LocalPipeline {
  return new LocalPipeline({
    home: judgeHome({ CLUSTERJUDGE_HOME: join(root, home) }),
    cluster: new LocalCluster(),
    scenarios: statusRunner(["first"], 10),
    warn: (m) => warnings.push(m),
  });
}

async function until(what: string, done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(done(), what);
}

test("a second pipeline joins the first, then takes the workers over when it stops", async () => {
  const firstWarnings: string[] = [];
  const secondWarnings: string[] = [];
  const first = pipelineOn("shared", firstWarnings);
  const second = pipelineOn("shared", secondWarnings);
  try {
    first.start();
    second.start();
    assert.equal(first.runsWorkers, true);
    assert.equal(second.runsWorkers, false);
    assert.deepEqual(firstWarnings, []);
    assert.match(
      secondWarnings.join("\n"),
      new RegExp(`another clusterjudge process \\(pid ${process.pid}\\) runs the workers`),
    );
    await first.close();
    await until("the second took the workers over", () => second.runsWorkers);
  } finally {
    await second.close();
  }
});

test("a killed holder's claim is taken at once", async () => {
  const warnings: string[] = [];
  const probe = pipelineOn("killed", []);
  await probe.close(); // makes the home and its database
  // A claim left by a process that has exited, as a SIGKILLed judge leaves it.
  const gone = spawnSync("true").pid ?? 0;
  const db = new Database(judgeHome({ CLUSTERJUDGE_HOME: join(root, "killed") }).dbPath);
  db.prepare("INSERT INTO workers (id, owner, pid, since) VALUES (1, ?, ?, 0)").run(
    `pid:${gone}:1:abcdef012345`,
    gone,
  );
  db.close();
  const next = pipelineOn("killed", warnings);
  try {
    next.start();
    assert.equal(next.runsWorkers, true);
    assert.deepEqual(warnings, []);
  } finally {
    await next.close();
  }
});
