// A Python submission goes the whole way: stubs generated, Debian's python3 with grpc runs
// five nodes behind their agents, a real scenario runs, and the generated starter, which
// answers every RPC UNIMPLEMENTED, fails it honestly with a reason a learner can act on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import assert from "node:assert/strict";
import { REGISTRY } from "../../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../../problems/templates.ts";
import { judge, tail } from "./run-cli.ts";

const template = mkdtempSync(join(tmpdir(), "cj-python-template-"));
afterAll(() => rmSync(template, { recursive: true, force: true }));
writeTemplate(
  templateOf(
    REGISTRY.find((p) => p.slug === "raft")!,
    "python",
  ),
  template,
);

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
