// Writes small submission folders for the toolchain tests, finds the project's proto, and
// builds a folder of files as Raft in one language.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Language } from "../../../languages/registry.ts";
import {
  buildSubmission,
  type BuildDiagnostic,
  type BuildOutput,
} from "../../../shared/toolchains/index.ts";

export const protoPath = fileURLToPath(
  new URL("../../../problems/raft/raft.proto", import.meta.url),
);

const roots: string[] = [];

/** Removes every folder submission() made; for an after() hook. */
export function removeSubmissions(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** A fresh folder with the given files (path -> content) and an empty output folder beside it. */
export function submission(files: Record<string, string>): { srcDir: string; outDir: string } {
  const root = mkdtempSync(join(tmpdir(), "toolchain-test-"));
  roots.push(root);
  const srcDir = join(root, "src");
  mkdirSync(srcDir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(srcDir, path)), { recursive: true });
    writeFileSync(join(srcDir, path), content);
  }
  return { srcDir, outDir: join(root, "out") };
}

/** Builds the files (path -> content) as a Raft submission in `language`. */
export const builder =
  (language: Language) =>
  (files: Record<string, string>): Promise<BuildOutput> =>
    buildSubmission({ language, problem: "raft", protoPath, ...submission(files) });

/** The diagnostics of a build that must have failed. */
export function failed(out: BuildOutput): BuildDiagnostic[] {
  assert.equal(out.ok, false, "the build should fail");
  return out.ok ? [] : out.diagnostics;
}
