// Lists and copies a submission's files: regular files only, without the folders tools leave
// behind, within the size limits. Symlinks are skipped so a node cannot read outside its folder.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { diagnostic, type BuildDiagnostic } from "./types.ts";
import { submissionBytesMax, submissionFilesMax } from "./limits.ts";

const ignoredFolders = new Set(["node_modules", ".git", "__pycache__", ".venv", "venv"]);

export interface SubmissionFiles {
  /** Paths relative to the submission's folder, sorted. */
  files: string[];
  /** What was left out, and why, for the build log. */
  skipped: string[];
}

export function listSubmissionFiles(
  srcDir: string,
): { ok: true; value: SubmissionFiles } | { ok: false; diagnostic: BuildDiagnostic } {
  if (!existsSync(srcDir) || !lstatSync(srcDir).isDirectory()) {
    return { ok: false, diagnostic: diagnostic(".", "the submission is not a folder") };
  }
  const files: string[] = [];
  const skipped: string[] = [];
  let bytes = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(srcDir, path);
      const stat = lstatSync(path);
      if (stat.isDirectory()) {
        if (ignoredFolders.has(name)) skipped.push(`${rel}/ (tool folder)`);
        else walk(path);
      } else if (stat.isFile()) {
        files.push(rel);
        bytes += stat.size;
      } else {
        skipped.push(`${rel} (not a regular file)`);
      }
    }
  };
  walk(srcDir);
  if (files.length > submissionFilesMax) {
    const message = `the submission has ${files.length} files, more than the ${submissionFilesMax} allowed: upload only your source code`;
    return { ok: false, diagnostic: diagnostic(".", message) };
  }
  if (bytes > submissionBytesMax) {
    const message = `the submission has ${bytes} bytes, more than the ${submissionBytesMax} allowed: upload only your source code`;
    return { ok: false, diagnostic: diagnostic(".", message) };
  }
  return { ok: true, value: { files, skipped } };
}

export function copySubmission(srcDir: string, outDir: string, files: string[]): void {
  for (const rel of files) {
    const to = join(outDir, rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(srcDir, rel), to);
  }
}

/**
 * Every build's opening: the submission's files listed once (what was skipped logged), and
 * its entry point at the top level. `started` says how the node starts from it, for the
 * message a learner gets when it is missing.
 */
export function openSubmission(
  srcDir: string,
  entryFile: string,
  started: string,
):
  | { ok: true; files: string[]; log: string[] }
  | { ok: false; diagnostics: BuildDiagnostic[]; log: string[] } {
  const log: string[] = [];
  const listed = listSubmissionFiles(srcDir);
  if (!listed.ok) return { ok: false, diagnostics: [listed.diagnostic], log };
  for (const s of listed.value.skipped) log.push(`skipped ${s}`);
  if (!listed.value.files.includes(entryFile)) {
    const message = `the entry point ${entryFile} is missing (or not a regular file): ${started} in your folder's top level`;
    return { ok: false, diagnostics: [diagnostic(entryFile, message)], log };
  }
  return { ok: true, files: listed.value.files, log };
}
