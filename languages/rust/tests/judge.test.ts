// A Rust node goes the whole way, through the real CLI: the judge's gRPC clients call the
// platform's h2 + prost layer, Rust nodes gossip to each other through it. The reference
// passes a scenario; the generated starter, which answers UNIMPLEMENTED, fails one honestly.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import assert from "node:assert/strict";
import { referenceDirOf } from "../../../problems/paths.ts";
import { judgeFolder, tail, testSeed } from "../../../tests/integration/judge/run-cli.ts";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf } from "../../../problems/templates.ts";

const seed = testSeed();
const work = mkdtempSync(join(tmpdir(), "rust-judge-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("the Rust g-counter reference passes partitioned_adds", { timeout: 10 * 60_000 }, async () => {
  const { status, summary, stderr } = await judgeFolder({
    problem: "g-counter",
    language: "rust",
    dir: referenceDirOf("g-counter", "rust"),
    seed,
    scenarios: ["partitioned_adds"],
  });
  assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
  const [result] = summary.scenarios;
  assert.equal(result?.verdict, "pass", `seed ${seed}: ${result?.reason}`);
  assert.ok(result.stats["ok"]! > 0);
  assert.equal(status, 0);
});

test(
  "the generated Rust g-counter template is judged: it fails partitioned_adds",
  { timeout: 10 * 60_000 },
  async () => {
    const files = templateOf(registeredProblem("g-counter"), "rust");
    for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
    const { status, summary, stderr } = await judgeFolder({
      problem: "g-counter",
      language: "rust",
      dir: work,
      seed,
      scenarios: ["partitioned_adds"],
    });
    assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
    assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
    const [result] = summary.scenarios;
    assert.equal(result?.verdict, "fail");
    assert.equal(result.stats["ok"], 0);
    assert.equal(status, 1);
  },
);
