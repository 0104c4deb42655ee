// A Python submission goes the whole way: stubs generated, Debian's python3 with grpc runs
// five nodes behind their agents, a real scenario runs, and the starter template, which
// elects no leader, fails it honestly with a reason a learner can act on.
import { test } from "vitest";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { judge, tail } from "./run-cli.ts";

const template = fileURLToPath(new URL("../../../problems/raft/templates/python", import.meta.url));

test(
  "the Python template is built, deployed and judged: it fails leader_election",
  { timeout: 5 * 60_000 },
  async () => {
    const { status, summary, stderr } = await judge([
      "--problem",
      "raft",
      "--language",
      "python",
      "--scenario",
      "leader_election",
      "--seed",
      "1",
      template,
    ]);
    assert.ok(summary, `no JSON summary (exit ${status}):\n${tail(stderr)}`);
    assert.equal(summary.status, "completed", `no verdict (exit ${status}):\n${tail(stderr)}`);
    const [result] = summary.scenarios;
    assert.equal(result?.verdict, "fail");
    // No node ever leads, so no write succeeds: the first property that says so is named.
    assert.match(
      result.reason,
      /no write succeeded within 5 s|recovers after heal|no node sent AppendEntries/,
    );
    assert.equal(result.stats["ok"], 0);
    assert.equal(status, 1);
  },
);
