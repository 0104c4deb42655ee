// Reads a submission folder into the files map a submission carries: text files only, hidden
// files and the folders tools leave behind skipped (and said so), bounded so a wrong folder fails fast.
import { lstatSync, readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { SUBMISSION_LIMITS } from "../domain/limits.ts";
import { SubmissionInputError } from "../domain/submission.ts";

const IGNORED_FOLDERS = new Set(["node_modules", ".git", "__pycache__", ".venv", "venv"]);

export interface SubmissionDir {
  files: Record<string, string>;
  /** What was left out and why, to tell the user. */
  skipped: string[];
}

export function readSubmissionDir(dir: string): SubmissionDir {
  const files: Record<string, string> = {};
  const skipped: string[] = [];
  const issues: string[] = [];
  let count = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const rel = relative(dir, path).split(sep).join("/");
      const stat = lstatSync(path);
      if (name.startsWith(".")) {
        skipped.push(`${rel}${stat.isDirectory() ? "/" : ""} (hidden)`);
      } else if (stat.isDirectory()) {
        if (IGNORED_FOLDERS.has(name)) skipped.push(`${rel}/ (tool folder)`);
        else walk(path);
      } else if (!stat.isFile()) {
        skipped.push(`${rel} (not a regular file)`);
      } else if ((count += 1) > SUBMISSION_LIMITS.filesMax) {
        continue; // counted, not read: the validation reports the count
      } else if (stat.size > SUBMISSION_LIMITS.fileBytesMax) {
        issues.push(
          `${rel}: ${stat.size} bytes; a file may have at most ${SUBMISSION_LIMITS.fileBytesMax}`,
        );
      } else {
        try {
          files[rel] = decoder.decode(readFileSync(path));
        } catch {
          issues.push(`${rel}: not UTF-8 text (binary files are not accepted)`);
        }
      }
    }
  };
  try {
    if (!lstatSync(dir).isDirectory()) throw new SubmissionInputError([`${dir} is not a folder`]);
  } catch (err) {
    if (err instanceof SubmissionInputError) throw err;
    throw new SubmissionInputError([`cannot read ${dir}: ${(err as Error).message}`]);
  }
  walk(dir);
  if (count > SUBMISSION_LIMITS.filesMax) {
    issues.push(`${count} files; at most ${SUBMISSION_LIMITS.filesMax} are accepted`);
  }
  if (issues.length) throw new SubmissionInputError(issues);
  return { files, skipped };
}
