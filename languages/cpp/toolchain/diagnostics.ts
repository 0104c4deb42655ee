// Turns g++'s and the linker's text output into diagnostics on the learner's files. g++ runs
// in the build copy with relative paths, so a path that is relative is the submission's; an
// error inside a system header (a template instantiated with the wrong type) is placed where
// the learner's code required it ("required from here"). Text, not -fdiagnostics-format=json:
// GCC 12's JSON drops that "required from here" line. A few notes are kept, the rest bury
// the error.
import { isAbsolute, normalize } from "node:path";
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";
import { diagnosticsMax } from "../../../shared/toolchains/limits.ts";

/** Notes kept under an error: the first candidates say what was meant; the rest repeat. */
const notesMax = 3;

const located = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
const requiredFromHere = /^(.+?):(\d+):(\d+):\s+required from here$/;
const missingHeader = /^(.+): No such file or directory$/;

interface Where {
  file: string;
  line: number;
  column: number;
}

export interface GxxOutput {
  errors: BuildDiagnostic[];
  warnings: BuildDiagnostic[];
}

/**
 * `ownFile(path)` says whether a path g++ printed is the learner's (relative, inside the
 * build copy, not a generated stub); `compiled` is the file g++ was compiling, for errors no
 * line of the learner's explains. `includable` is said when a header is not found.
 */
export function parseGxxOutput(
  stderr: string,
  compiled: string,
  ownFile: (path: string) => boolean,
  includable: string,
): GxxOutput {
  const errors: BuildDiagnostic[] = [];
  const warnings: BuildDiagnostic[] = [];
  let context: Where | null = null;
  let last: { diagnostic: BuildDiagnostic; notes: number } | null = null;
  for (const line of stderr.split("\n")) {
    const required = requiredFromHere.exec(line);
    if (required && ownFile(required[1] ?? "")) {
      context = where(required);
      continue;
    }
    const match = located.exec(line);
    if (!match) continue;
    const [, file = "", , , kind = "", message = ""] = match;
    if (kind === "note") {
      if (last && last.notes < notesMax) {
        last.notes++;
        const at = ownFile(file) ? `${normalize(file)}:${match[2]}` : `${file}:${match[2]}`;
        last.diagnostic.message += `\n  note (${at}): ${message.trim()}`;
      }
      continue;
    }
    const d = placed(where(match), message, context, compiled, ownFile, includable, kind);
    (kind === "warning" ? warnings : errors).push(d);
    last = kind === "warning" ? null : { diagnostic: d, notes: 0 };
    context = null;
  }
  return { errors: errors.slice(0, diagnosticsMax), warnings: warnings.slice(0, diagnosticsMax) };
}

function where(match: RegExpExecArray): Where {
  return { file: match[1] ?? "", line: Number(match[2]), column: Number(match[3]) };
}

function placed(
  at: Where,
  message: string,
  context: Where | null,
  compiled: string,
  ownFile: (path: string) => boolean,
  includable: string,
  kind: string,
): BuildDiagnostic {
  const header = kind === "fatal error" ? missingHeader.exec(message) : null;
  const text = header
    ? `#include of "${header[1]}" cannot be resolved: only ${includable} are available`
    : `${kind}: ${message}`;
  if (ownFile(at.file)) return diagnostic(normalize(at.file), text, at.line, at.column);
  const inHeader = `${text} (in ${at.file}:${at.line})`;
  if (context) return diagnostic(normalize(context.file), inHeader, context.line, context.column);
  return diagnostic(compiled, inHeader);
}

/** Whether a path g++ printed, run in the build copy, is one of the build copy's files. */
export function isBuildCopyPath(path: string, generated: readonly string[]): boolean {
  const rel = normalize(path);
  return !isAbsolute(rel) && !rel.startsWith("..") && !generated.includes(rel);
}

const undefinedSymbol = /: (undefined reference to .*|multiple definition of .*)$/;
const inFunction = /^\/usr\/bin\/ld: (.+?): in function `(.*)':$/;

/**
 * The linker's complaints, each on the learner's file whose object it names (`sourceOf` maps
 * an object path back to its source); one diagnostic on "." when none can be read.
 */
export function parseLinkerOutput(
  stderr: string,
  sourceOf: (objectPath: string) => string | null,
): BuildDiagnostic[] {
  const found: BuildDiagnostic[] = [];
  let file = ".";
  let fn = "";
  for (const line of stderr.split("\n")) {
    const inFn = inFunction.exec(line);
    if (inFn) {
      file = sourceOf(inFn[1] ?? "") ?? ".";
      fn = inFn[2] ?? "";
      continue;
    }
    const problem = undefinedSymbol.exec(line);
    if (problem) {
      const where = fn ? ` (in ${fn})` : "";
      found.push(diagnostic(file, `link error: ${problem[1] ?? ""}${where}`));
    }
  }
  if (found.length > 0) return found.slice(0, diagnosticsMax);
  const text = stderr.trim().split("\n").slice(-20).join("\n");
  return [diagnostic(".", `linking the node failed: ${text}`)];
}
