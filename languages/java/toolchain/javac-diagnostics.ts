// javac's report read into diagnostics: each "File.java:LINE: error: MESSAGE" with the column
// of its caret line and the detail lines after it ("symbol: class Foo"). Paths are javac's as
// given, relative to the submission. An import of a package the platform does not have is
// rewritten to say what is available.
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";
import { availablePackages } from "./classpath.ts";

export interface JavacReport {
  errors: BuildDiagnostic[];
  warnings: BuildDiagnostic[];
}

const header = /^(.+?\.java):(\d+): (error|warning): (.*)$/;
const fileless = /^(error|warning): (.*)$/;
const total = /^\d+ (errors?|warnings?)$/;
const caret = /^\s*\^\s*$/;

export function readJavacReport(output: string): JavacReport {
  const report: JavacReport = { errors: [], warnings: [] };
  const lines = output.split("\n").map((l) => l.replace(/\r$/, ""));
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const located = header.exec(line);
    const global = located ? null : fileless.exec(line);
    i++;
    if (!located && !global) continue;
    const body: string[] = [];
    while (i < lines.length && !startsEntry(lines[i] ?? "")) body.push(lines[i++] ?? "");
    const kind = located ? located[3] : global?.[1];
    const message = rewrite(located ? (located[4] ?? "") : (global?.[2] ?? ""), body);
    const found = located
      ? diagnostic(located[1] ?? ".", message, Number(located[2]), caretColumn(body))
      : diagnostic(".", message);
    (kind === "error" ? report.errors : report.warnings).push(found);
  }
  return report;
}

const startsEntry = (line: string): boolean =>
  header.test(line) || fileless.test(line) || total.test(line);

/** 1-based column of the caret under the source line, or null. */
function caretColumn(body: string[]): number | null {
  const line = body.find((l) => caret.test(l));
  return line === undefined ? null : line.indexOf("^") + 1;
}

/** The message with the detail lines after the caret, and the import rule said plainly. */
function rewrite(message: string, body: string[]): string {
  const missing = /^package ([\w.]+) does not exist$/.exec(message);
  if (missing)
    return `package ${missing[1]} is not available: a node may import only ${availablePackages}`;
  const at = body.findIndex((l) => caret.test(l));
  const details =
    at < 0
      ? []
      : body
          .slice(at + 1)
          .map((l) => l.trim())
          .filter(Boolean);
  return [message, ...details].join("\n");
}
