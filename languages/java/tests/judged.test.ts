// Java the whole way: the judge builds a Java folder, runs three JVMs behind their agents and
// judges one scenario. The reference G-Counter passes it; the generated starter, which
// answers UNIMPLEMENTED, fails it with a reason, not a crash.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, test } from "vitest";
import { judgeFolder, tail, testSeed } from "../../../tests/integration/judge/run-cli.ts";
import { writeJavaTemplate } from "./generated.ts";
import { registeredProblem as problemOf } from "../../../problems/registry.ts";

const reference = fileURLToPath(
  new URL("../../../problems/g-counter/reference/java", import.meta.url),
);
const work = mkdtempSync(join(tmpdir(), "java-judged-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("the Java reference G-Counter passes lost_answers", { timeout: 5 * 60_000 }, async () => {
  const seed = testSeed();
  const { status, summary, stderr } = await judgeFolder({
    problem: "g-counter",
    language: "java",
    dir: reference,
    seed,
    scenarios: ["lost_answers"],
  });
  assert.ok(summary, `no JSON summary (exit ${status}, seed ${seed}):\n${tail(stderr)}`);
  const [result] = summary.scenarios;
  assert.equal(result?.verdict, "pass", `seed ${seed}: ${result?.reason}\n${tail(stderr)}`);
  assert.equal(status, 0);
});

test(
  "the generated Java starter of g-counter deploys and fails partitioned_adds with a reason",
  { timeout: 5 * 60_000 },
  async () => {
    const dir = writeJavaTemplate(problemOf("g-counter"), join(work, "template"));
    const { status, summary, stderr } = await judgeFolder({
      problem: "g-counter",
      language: "java",
      dir,
      seed: 1,
      scenarios: ["partitioned_adds"],
    });
    assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
    assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
    const [result] = summary.scenarios;
    assert.equal(result?.verdict, "fail");
    // Every add and read is UNIMPLEMENTED: no read is ever answered with a value.
    assert.match(result.reason, /convergence|final read|UNIMPLEMENTED|answered/);
    assert.equal(result.stats["ok"], 0);
    assert.equal(status, 1);
  },
);
