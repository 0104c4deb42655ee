// The generated Go template goes the whole way: built, five nodes deployed behind their
// agents, a real scenario run; it elects no leader (every RPC is UNIMPLEMENTED), so it fails
// leader_election honestly with a reason a learner can act on.
import { test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { judge, tail } from "../../../tests/integration/judge/run-cli.ts";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../../problems/templates.ts";

test(
  "the generated Go template is built, deployed and judged: it fails leader_election",
  { timeout: 5 * 60_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "go-template-judged-"));
    try {
      writeTemplate(templateOf(registeredProblem("raft"), "go"), dir);
      const { status, summary, stderr } = await judge([
        "--problem",
        "raft",
        "--language",
        "go",
        "--scenario",
        "leader_election",
        "--seed",
        "1",
        dir,
      ]);
      assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
      assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
      const [result] = summary.scenarios;
      assert.equal(result?.verdict, "fail");
      assert.match(
        result.reason,
        /no write succeeded within 5 s|recovers after heal|no node sent AppendEntries/,
      );
      assert.equal(result.stats["ok"], 0);
      assert.equal(status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
