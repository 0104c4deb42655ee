// Parses one file with TypeScript and returns its syntax errors. Source a learner controls can
// be nested deeply enough to exhaust a parser's stack; TypeScript's throws a RangeError after
// about a thousand levels, reported here as the file's error instead of ending the build.
import ts from "typescript";
import { diagnosticsMax } from "../../../shared/toolchains/limits.ts";
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";

const tooDeep = {
  parser:
    "too deeply nested for the TypeScript parser (its stack ran out): split the long expression or type on this line",
  "type checker":
    "too deeply nested for the TypeScript type checker (its stack ran out): simplify the deepest expression or type in this file",
};

/** `rel` is the file's path in the submission, used as its name in diagnostics. */
export function syntaxErrors(rel: string, text: string): BuildDiagnostic[] {
  try {
    const file = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const host = ts.createCompilerHost({});
    host.getSourceFile = (name) => (name === rel ? file : undefined);
    const options: ts.CompilerOptions = { noResolve: true, noLib: true, types: [], noEmit: true };
    const program = ts.createProgram({ rootNames: [rel], options, host });
    return toDiagnostics(program.getSyntacticDiagnostics(file));
  } catch (err) {
    return [diagnostic(rel, failure(err, "parser"), longestLine(text))];
  }
}

/** The message for an exception a TypeScript tool threw on the learner's code. */
export function failure(err: unknown, what: keyof typeof tooDeep): string {
  if (err instanceof RangeError && /call stack/i.test(err.message)) return tooDeep[what];
  return `the TypeScript ${what} failed on this file: ${String(err).slice(0, 500)}`;
}

/** TypeScript's diagnostics in the build's shape, `root`-relative names given by `name`. */
export function toDiagnostics(
  list: readonly ts.Diagnostic[],
  name: (file: ts.SourceFile) => string = (f) => f.fileName,
): BuildDiagnostic[] {
  return list.slice(0, diagnosticsMax).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file) return diagnostic(".", message);
    const at = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    return diagnostic(name(d.file), message, at.line + 1, at.character + 1);
  });
}

/** Where a too-deep expression is when the parser cannot say: the longest line. */
export function longestLine(text: string): number {
  let best = 1;
  let bestLength = -1;
  text.split("\n").forEach((line, i) => {
    if (line.length > bestLength) [best, bestLength] = [i + 1, line.length];
  });
  return best;
}
