// Type-checks a TypeScript submission with the compiler API (strict, like `tsc --noEmit
// --strict`), in the build worker. The compiler reads through a host that sees only the
// submission, TypeScript's own lib files and the allowed packages with their dependencies and
// Node's types: a type-only import or a `/// <reference path>` esbuild never sees cannot read
// a host file (its types would show in error messages). Only the learner's files are reported.
import { realpathSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { ALLOWED_PACKAGES } from "../language.ts";
import { importRefusal, isInside, refusals } from "./imports.ts";
import { toDiagnostics } from "./syntax.ts";
import { diagnosticsMax } from "../../../shared/toolchains/limits.ts";
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";

export interface TypeCheckJob {
  /** The submission's folder, a real path. */
  root: string;
  entry: string;
  /** Allowed package name -> its real folder. */
  packageFolderOf: Record<string, string>;
  /** The real folder holding @types/node. */
  typeRoot: string;
  /** Real folders the compiler may read besides the submission and TypeScript's lib files. */
  readFolders: string[];
}

export function typeCheck(job: TypeCheckJob, onFile: (rel: string) => void): BuildDiagnostic[] {
  const { root } = job;
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
    typeRoots: [job.typeRoot],
    baseUrl: root,
    paths: Object.fromEntries(Object.entries(job.packageFolderOf).map(([p, f]) => [p, [f]])),
  };
  const folders = [root, dirname(ts.getDefaultLibFilePath(options)), ...job.readFolders].map((f) =>
    realpathSync(f),
  );
  const host = confinedHost(options, folders, root, onFile);
  const program = ts.createProgram({ rootNames: [join(root, job.entry)], options, host });
  const own = program.getSourceFiles().filter((f) => isInside(root, f.fileName));
  const refused = own.flatMap((f) => referenceRefusals(f, root));
  if (refused.length > 0) return refused.slice(0, diagnosticsMax);
  const name = (f: ts.SourceFile) => relative(root, f.fileName);
  const found: BuildDiagnostic[] = [];
  for (const file of own) {
    onFile(name(file));
    const list = [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ];
    found.push(...toDiagnostics(list, name));
    if (found.length >= diagnosticsMax) break;
  }
  return found.slice(0, diagnosticsMax);
}

/** A compiler host that reads only below `folders` (real paths, symbolic links followed). */
function confinedHost(
  options: ts.CompilerOptions,
  folders: string[],
  root: string,
  onFile: (rel: string) => void,
): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const real = new Map<string, string | null>();
  const realPath = (path: string): string | null => {
    let known = real.get(path);
    if (known === undefined) {
      try {
        known = realpathSync(path);
      } catch {
        known = null;
      }
      real.set(path, known);
    }
    return known;
  };
  const readable = (path: string) => {
    const r = realPath(path);
    return r !== null && folders.some((f) => isInside(f, r));
  };
  // A folder above an allowed one must exist for module resolution to walk through it.
  const passable = (dir: string) => {
    const r = realPath(dir);
    return r !== null && folders.some((f) => isInside(f, r) || isInside(r, f));
  };
  const { fileExists, readFile, directoryExists, getDirectories, getSourceFile } = host;
  host.fileExists = (p) => readable(p) && fileExists.call(host, p);
  host.readFile = (p) => (readable(p) ? readFile.call(host, p) : undefined);
  host.directoryExists = (d) => passable(d) && (directoryExists?.call(host, d) ?? true);
  host.getDirectories = (d) => (passable(d) ? (getDirectories?.call(host, d) ?? []) : []);
  host.getSourceFile = (fileName, ...rest) => {
    if (!readable(fileName)) return undefined;
    if (isInside(root, fileName)) onFile(relative(root, fileName));
    return getSourceFile.call(host, fileName, ...rest);
  };
  return host;
}

/** Every module reference in a file of the submission, judged by the bundler's rule. */
function referenceRefusals(file: ts.SourceFile, root: string): BuildDiagnostic[] {
  const info = ts.preProcessFile(file.text, true, true);
  const dir = dirname(file.fileName);
  const rel = relative(root, file.fileName);
  const at = (ref: ts.FileReference, message: string) => {
    const pos = file.getLineAndCharacterOfPosition(ref.pos);
    return diagnostic(rel, message, pos.line + 1, pos.character + 1);
  };
  const out: BuildDiagnostic[] = [];
  for (const ref of info.importedFiles) {
    const refused = importRefusal(ref.fileName, dir, root);
    if (refused) out.push(at(ref, refused));
  }
  // `/// <reference path="x.d.ts" />` is relative to the file even without "./".
  for (const ref of info.referencedFiles) {
    if (!isInside(root, resolve(dir, ref.fileName)))
      out.push(at(ref, refusals.outside(ref.fileName)));
  }
  const types = ["node", ...ALLOWED_PACKAGES];
  for (const ref of info.typeReferenceDirectives) {
    if (!types.includes(ref.fileName)) out.push(at(ref, refusals.typesUnavailable(ref.fileName)));
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
