// Writes small submission folders for the toolchain tests, and finds the project's proto.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
