// The generated Go template: raft's is pinned by a snapshot, every problem's is gofmt-clean,
// and every problem's committed starter (but raft's, written by hand) is the generator's output.
// That they compile is tested where they are built anyway, so CI builds each once: every
// committed starter in its cloud build's toolchain step (tests/contract/gcp-cloudbuild.test.ts),
// raft's generated one by judge-template.test.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { REGISTRY } from "../../../problems/registry.ts";
import { templateDirOf } from "../../../problems/paths.ts";
import { generatedGoTemplate, writeGoTemplate } from "./generated-template.ts";

const work = mkdtempSync(join(tmpdir(), "go-template-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("raft's generated Go template is the snapshot", async () => {
  const { files } = generatedGoTemplate("raft");
  assert.deepEqual(Object.keys(files), ["main.go"]);
  await expect(files["main.go"]).toMatchFileSnapshot("__snapshots__/raft-main.go.snap");
});

test("every problem's generated Go template is gofmt-clean", () => {
  for (const problem of REGISTRY) {
    const dir = join(work, "gofmt", problem.slug);
    writeGoTemplate(problem.slug, dir);
    const gofmt = spawnSync("/usr/bin/gofmt", ["-l", "-e", dir], { encoding: "utf8" });
    assert.equal(gofmt.status, 0, gofmt.stderr);
    assert.equal(gofmt.stdout, "", `not gofmt-clean: ${gofmt.stdout}`);
  }
});

test("every problem's Go starter but raft's (written by hand) is the generator's output", () => {
  for (const problem of REGISTRY.filter((p) => p.slug !== "raft")) {
    const { files } = generatedGoTemplate(problem.slug);
    for (const [path, content] of Object.entries(files)) {
      const committed = readFileSync(join(templateDirOf(problem.slug, "go"), path), "utf8");
      assert.equal(committed, content, `${problem.slug}: regenerate templates/go/${path}`);
    }
  }
});
