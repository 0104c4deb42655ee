// The Go Raft reference goes the whole way on one scenario: built by the Go toolchain, five
// nodes deployed behind their agents, judged through the CLI. (Every scenario, seed after
// seed, is the bench's and the docs' business: docs/languages.md.)
import { test } from "vitest";
import assert from "node:assert/strict";
import { referenceDirOf } from "../../../problems/paths.ts";
import { judgeFolder, tail, testSeed } from "../../../tests/integration/judge/run-cli.ts";

test("the Go Raft reference passes log_replication", { timeout: 5 * 60_000 }, async () => {
  const seed = testSeed();
  const { status, summary, stderr } = await judgeFolder({
    problem: "raft",
    language: "go",
    dir: referenceDirOf("raft", "go"),
    seed,
    scenarios: ["log_replication"],
  });
  assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
  assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
  const [result] = summary.scenarios;
  assert.equal(result?.verdict, "pass", `seed ${seed}: ${result?.reason}`);
  assert.equal(status, 0);
});
