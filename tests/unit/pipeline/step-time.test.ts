// Every step has a time bound: a build that never ends fails its submission with the reason
// once the bound passes, and its slot goes to the next submission.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "vitest";
import { LocalBuilder } from "../../../shared/adapters/local/builder/index.ts";
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";
import { judgeHome } from "../../../shared/pipeline/home.ts";
import { LocalPipeline } from "../../../shared/pipeline/local-pipeline.ts";
import { statusRunner } from "./fixtures/status-runner.ts";
import { PYTHON_NODE } from "./harness.ts";

test("a step past its bound fails the submission with why, and the next one gets the slot", async () => {
  const root = mkdtempSync(join(tmpdir(), "cj-step-time-"));
  const home = judgeHome({ CLUSTERJUDGE_HOME: root });
  const real = new LocalBuilder(home);
  const warnings: string[] = [];
  const pipeline = new LocalPipeline({
    home,
    cluster: new LocalCluster(),
    scenarios: statusRunner(["first"], 10),
    // The first submission's build never ends (a hung compiler); the others build for real.
    builder: { build: (s) => (s.seed === 1 ? new Promise(() => undefined) : real.build(s)) },
    queue: { pollMs: 20 },
    slots: 1,
    warn: (m) => warnings.push(m),
  });
  try {
    const hung = await pipeline.accept({
      problem: "raft",
      language: "python",
      files: { "main.py": PYTHON_NODE },
      seed: 1,
    });
    const next = await pipeline.accept({
      problem: "raft",
      language: "python",
      files: { "main.py": "def broken(:\n" },
      seed: 2,
    });
    pipeline.start({ stepTimeMs: 1_500 });
    const [failed, built] = await Promise.all([
      pipeline.waitFor(hung.id),
      pipeline.waitFor(next.id),
    ]);
    assert.equal(failed.status, "failed");
    assert.equal(failed.error?.stage, "pipeline");
    assert.match(failed.error?.message ?? "", /submit step was still running after 1\.5 s/);
    assert.equal(built.status, "build_failed", "the next one was judged");
    assert.ok(built.stageTimes.building! >= failed.stageTimes.failed!, "after the slot was freed");
    assert.ok(
      warnings.some((w) => /ran past its 1\.5 s bound/.test(w)),
      warnings.join("\n"),
    );
  } finally {
    await pipeline.close();
    rmSync(root, { recursive: true, force: true });
  }
});
