// In a cloud build the toolchain step is one bundled file with no sources beside it: the
// TypeScript build's worker must come prebuilt in the archive, where the step looks for it.
// This runs the archive's step as Cloud Build would, with the project's node_modules.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import { judgeSupportFiles } from "../../../shared/adapters/gcp/builder/index.ts";
import { protoPath } from "../../../tests/unit/toolchains/fixtures.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const work = mkdtempSync(join(tmpdir(), "cloud-worker-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function workspace(main: string): Promise<string> {
  const dir = mkdtempSync(join(work, "ws-"));
  for (const e of await judgeSupportFiles()) {
    mkdirSync(dirname(join(dir, e.path)), { recursive: true });
    writeFileSync(join(dir, e.path), e.data);
  }
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "judge/node_modules"));
  mkdirSync(join(dir, "proto"));
  cpSync(protoPath, join(dir, "proto/raft.proto"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/main.ts"), main);
  return dir;
}

const step = (dir: string) =>
  spawnSync(process.execPath, ["judge/toolchain-step.mjs", "typescript", "raft"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CLUSTERJUDGE_WORKSPACE: dir },
  });

test("the archive's step builds a TypeScript node with the prebuilt worker, and refuses a climbing package path", async () => {
  const ok = await workspace(
    'import * as grpc from "@grpc/grpc-js";\nconsole.log(typeof grpc.Server);\n',
  );
  const built = step(ok);
  assert.equal(built.status, 0, built.stderr + built.stdout);
  assert.match(
    built.stdout,
    /CLUSTERJUDGE_COMMAND \{"argv":\["[^"]*node","node\.cjs"\],"cwd":"\/app"\}/,
  );
  assert.ok(readFileSync(join(ok, "build/node.cjs"), "utf8").length > 0);

  const hostile = await workspace(
    'import x from "@grpc/grpc-js/../../../../etc/passwd";\nconsole.log(x);\n',
  );
  const refused = step(hostile);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(
    refused.stdout,
    /main\.ts:1:\d+: "@grpc\/grpc-js\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" is a path inside a package/,
  );
});
