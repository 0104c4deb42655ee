// C++ submissions go the whole way: built with the stubs, three nodes run behind their
// agents, a real scenario runs. The g-counter reference passes crash_restart (its state on
// disk survives a SIGKILL); the generated starter, which answers UNIMPLEMENTED, fails a
// scenario with a verdict, not a crash.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { afterAll, test } from "vitest";
import { referenceDirOf } from "../../../problems/paths.ts";
import { judgeFolder, tail, testSeed } from "../../../tests/integration/judge/run-cli.ts";
import { writeProblemTemplate } from "./problem-template.ts";

const template = writeProblemTemplate("g-counter");
afterAll(() => rmSync(template, { recursive: true, force: true }));

/** A cold build compiles the stubs and four files on two cores, then one scenario runs. */
const timeout = { timeout: 10 * 60_000 };

test("the C++ g-counter reference passes crash_restart", timeout, async () => {
  const seed = testSeed();
  const { status, summary, stderr } = await judgeFolder({
    problem: "g-counter",
    language: "cpp",
    dir: referenceDirOf("g-counter", "cpp"),
    seed,
    scenarios: ["crash_restart"],
  });
  assert.ok(summary, `seed ${seed}: no JSON summary (exit ${status}):\n${tail(stderr)}`);
  const [result] = summary.scenarios;
  assert.equal(result?.verdict, "pass", `seed ${seed}: ${result?.reason}\n${tail(stderr)}`);
  assert.equal(status, 0);
});

test(
  "the generated C++ g-counter template builds, deploys and fails with a verdict",
  timeout,
  async () => {
    const { status, summary, stderr } = await judgeFolder({
      problem: "g-counter",
      language: "cpp",
      dir: template,
      seed: 1,
      scenarios: ["partitioned_adds"],
    });
    assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
    assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
    const [result] = summary.scenarios;
    assert.equal(result?.verdict, "fail");
    assert.match(result.reason, /convergence/);
    assert.equal(result.stats["ok"], 0);
    assert.equal(status, 1);
  },
);
