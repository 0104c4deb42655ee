// Type-checks a TypeScript submission with the compiler API (strict, like `tsc --noEmit
// --strict`), resolving the allowed packages and Node's types from the project's node_modules.
// Only errors in the learner's own files are reported.
import { join, relative } from "node:path";
import ts from "typescript";
import { allowedPackages, projectNodeModules } from "./node-packages.ts";
import { diagnosticsMax } from "./limits.ts";
import { diagnostic, type BuildDiagnostic } from "./types.ts";

export function typeCheck(srcDir: string, entry: string): BuildDiagnostic[] {
  const nodeModules = projectNodeModules();
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    esModuleInterop: true,
    types: ["node"],
    typeRoots: [join(nodeModules, "@types")],
    baseUrl: srcDir,
    paths: Object.fromEntries(allowedPackages.map((p) => [p, [join(nodeModules, p)]])),
  };
  const program = ts.createProgram([join(srcDir, entry)], options);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && !relative(srcDir, d.file.fileName).startsWith(".."))
    .slice(0, diagnosticsMax)
    .map((d) => {
      const file = d.file as ts.SourceFile;
      const at = file.getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      return diagnostic(relative(srcDir, file.fileName), message, at.line + 1, at.character + 1);
    });
}
