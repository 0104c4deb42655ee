// The CLI runs from its JavaScript build only while the build is as new as every source it
// was made from (bin/built-cli.js): an edited, resized, moved or deleted source makes the bin
// build again (or run the sources), never run the old code.
import assert from "node:assert/strict";
import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { freshBuild } from "../../bin/built-cli.js";
import { BUILD_ROOT, MANIFEST_FILE, type CliManifest } from "../../cli/build/build-cli.ts";
import { REPO, clusterjudge, tempDir } from "./support/clusterjudge.ts";

const repo = tempDir("built");
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** A repository with one source and a build of it, as build-cli.ts leaves one. */
function builtRepo(): { source: string; entry: string } {
  const source = join(repo, "cli", "main.ts");
  mkdirSync(join(repo, "cli"), { recursive: true });
  writeFileSync(source, "export {};\n");
  const root = join(repo, BUILD_ROOT);
  mkdirSync(join(root, "b1"), { recursive: true });
  writeFileSync(join(root, "b1", "cli.js"), "export {};\n");
  const { mtimeMs, size } = statSync(source);
  const manifest: CliManifest = {
    build: "b1",
    entry: "b1/cli.js",
    inputs: { "cli/main.ts": [mtimeMs, size] },
  };
  writeFileSync(join(root, MANIFEST_FILE), JSON.stringify(manifest));
  return { source, entry: join(root, "b1", "cli.js") };
}

test("a build runs while its sources are as they were", () => {
  const { entry } = builtRepo();
  assert.equal(freshBuild(repo), entry);
});

test("an edited source makes the build stale, even with an older time or the same size", () => {
  const { source } = builtRepo();
  writeFileSync(source, "export {}; \n");
  assert.equal(freshBuild(repo), null, "resized");
  const again = builtRepo();
  const { mtime } = statSync(again.source);
  utimesSync(again.source, mtime, new Date(mtime.getTime() - 60_000));
  assert.equal(freshBuild(repo), null, "an older time (a checkout of an older file)");
});

test("a deleted source, a missing build or no manifest means no build to run", () => {
  const { source, entry } = builtRepo();
  rmSync(source);
  assert.equal(freshBuild(repo), null);
  builtRepo();
  rmSync(entry);
  assert.equal(freshBuild(repo), null);
  rmSync(join(repo, BUILD_ROOT), { recursive: true });
  assert.equal(freshBuild(repo), null);
});

test("the bin leaves a fresh build of this repository behind and runs it", () => {
  const r = clusterjudge(["--version"]);
  assert.equal(r.code, 0, r.stderr);
  const entry = freshBuild(REPO);
  assert.ok(entry, "a fresh build after a run");
  assert.ok(entry.startsWith(join(REPO, BUILD_ROOT)));
});
