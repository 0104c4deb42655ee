// The generated Go template: raft's is pinned by a snapshot, and the templates of a spread of
// problems (one service or two, peer RPCs or none) compile with the Go toolchain, and every
// problem's is gofmt-clean.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { REGISTRY } from "../../../problems/registry.ts";
import { templateDirOf } from "../../../problems/paths.ts";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
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

// Every problem's builds (19, ~3 s each once grpc is cached): CI builds a spread of them.
const built = ["raft", "g-counter", "two-phase-commit", "multi-paxos", "chain-replication"];

for (const slug of built) {
  test(`the generated Go template of ${slug} builds`, { timeout: 10 * 60_000 }, async () => {
    const srcDir = join(work, slug, "src");
    const protoPath = writeGoTemplate(slug, srcDir);
    const out = await buildSubmission({
      language: "go",
      problem: slug,
      srcDir,
      outDir: join(work, slug, "out"),
      protoPath,
    });
    assert.ok(out.ok, JSON.stringify(out));
  });
}
