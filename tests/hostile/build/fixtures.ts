// Hostile build inputs: a submission folder with a secret file beside it (outside the
// submission, as the host's files and other runs are), symbolic links, and a check that
// nothing of the secret reached the build's output or its messages.
import assert from "node:assert/strict";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { BuildDiagnostic, BuildOutput } from "../../../shared/toolchains/index.ts";

export { protoPath } from "../../unit/toolchains/fixtures.ts";

export interface Hostile {
  root: string;
  srcDir: string;
  outDir: string;
  /** Beside the submission: root/secret.txt and root/secret.ts, both holding `marker`. */
  secretTxt: string;
  secretTs: string;
  marker: string;
}

const roots: string[] = [];

/** Removes every folder hostile() made; for an after() hook. */
export function removeHostile(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** A submission of `files`, with `links` (path in the submission -> target) as symbolic links. */
export function hostile(
  files: Record<string, string>,
  links: Record<string, string> = {},
): Hostile {
  const root = mkdtempSync(join(tmpdir(), "hostile-build-"));
  roots.push(root);
  const marker = `clusterjudge-secret-${Math.random().toString(36).slice(2)}`;
  const secretTxt = join(root, "secret.txt");
  const secretTs = join(root, "secret.ts");
  writeFileSync(secretTxt, `${marker}\n`);
  writeFileSync(
    secretTs,
    `export const secret = "${marker}" as const;\nexport type Secret = typeof secret;\n`,
  );
  const srcDir = join(root, "src");
  mkdirSync(srcDir);
  const h = { root, srcDir, outDir: join(root, "out"), secretTxt, secretTs, marker };
  writeFiles(h, files);
  for (const [path, target] of Object.entries(links)) symlinkSync(target, join(srcDir, path));
  return h;
}

/** Writes more files into the submission (for content that names the secret's path). */
export function writeFiles(h: Hostile, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(h.srcDir, path)), { recursive: true });
    writeFileSync(join(h.srcDir, path), content);
  }
}

/** The build's diagnostics as [file, line, message], after checking it failed. */
export function refused(out: BuildOutput): [string, number | null, string][] {
  assert.equal(out.ok, false, `the build should fail: ${JSON.stringify(out)}`);
  return out.ok ? [] : out.diagnostics.map((d: BuildDiagnostic) => [d.file, d.line, d.message]);
}

/** Nothing the build wrote, nor any message, holds the secret. */
export function assertNoLeak(h: Hostile, out: BuildOutput): void {
  assert.doesNotMatch(JSON.stringify(out), new RegExp(h.marker), "a message shows the secret");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  for (const file of statExists(h.outDir) ? walk(h.outDir) : []) {
    assert.doesNotMatch(
      readFileSync(file, "utf8"),
      new RegExp(h.marker),
      `${file} holds the secret`,
    );
  }
}

function statExists(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
