// The generated Go template: raft's is pinned by a snapshot, every problem's is gofmt-clean.
// They build in tests/unit/toolchains/templates-build.test.ts and are judged in
// tests/integration/judge/templates-judged.test.ts, with every language's.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { REGISTRY, registeredProblem } from "../../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../../problems/templates.ts";

const work = mkdtempSync(join(tmpdir(), "go-template-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("raft's generated Go template is the snapshot", async () => {
  const files = templateOf(registeredProblem("raft"), "go");
  assert.deepEqual(Object.keys(files), ["main.go"]);
  await expect(files["main.go"]).toMatchFileSnapshot("__snapshots__/raft-main.go.snap");
});

test("every problem's generated Go template is gofmt-clean", () => {
  for (const problem of REGISTRY) {
    const dir = join(work, "gofmt", problem.slug);
    writeTemplate(templateOf(problem, "go"), dir);
    const gofmt = spawnSync("/usr/bin/gofmt", ["-l", "-e", dir], { encoding: "utf8" });
    assert.equal(gofmt.status, 0, gofmt.stderr);
    assert.equal(gofmt.stdout, "", `not gofmt-clean: ${gofmt.stdout}`);
  }
});
