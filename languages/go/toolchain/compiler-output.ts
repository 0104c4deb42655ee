// Reads `go build`'s output into diagnostics: "./lib/x.go:12:3: message" lines, relative to
// the folder it ran in (the submission's copy), become {file, line, column, message}; the
// "# package" headers are dropped; any other line (a package-level error) is kept, unplaced.
import { isAbsolute, normalize, relative } from "node:path";
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";
import { diagnosticsMax } from "../../../shared/toolchains/limits.ts";

const located = /^(.+?\.go):(\d+)(?::(\d+))?: (.*)$/;

export function compilerDiagnostics(output: string, submissionDir: string): BuildDiagnostic[] {
  const out: BuildDiagnostic[] = [];
  for (const raw of output.split("\n")) {
    const line = raw.trimEnd();
    if (!line || line.startsWith("#")) continue;
    // Continuation lines of the message above ("\thave (...)", "\twant (...)").
    const last = out.at(-1);
    if (/^\s/.test(raw) && last) {
      last.message += `\n${line.trim()}`;
      continue;
    }
    const m = located.exec(line);
    if (m?.[1] && m[2] && m[4] !== undefined) {
      const file = isAbsolute(m[1]) ? relative(submissionDir, m[1]) : normalize(m[1]);
      const inside = !file.startsWith("..") && !isAbsolute(file);
      const column = m[3] ? Number(m[3]) : null;
      out.push(
        inside
          ? diagnostic(file, m[4], Number(m[2]), column)
          : diagnostic(".", `${m[1]}:${m[2]}: ${m[4]}`),
      );
    } else {
      out.push(diagnostic(".", line));
    }
  }
  return out.slice(0, diagnosticsMax);
}
