// Bundles a TypeScript submission with esbuild into one CommonJS file, in the build worker.
// A plugin sees every import first: the submission's own imports must pass importRefusal and,
// once found, fileRefusal (real path inside the folder, a .ts file); the allowed packages are
// resolved from the project's node_modules by exact name; nothing else of the host is loaded.
// Each submission file is parsed by TypeScript before esbuild sees it: esbuild's parser
// recurses on a Go stack of up to 1 GB and dies on deep nesting, TypeScript's stops early.
import { lstatSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import * as esbuild from "esbuild";
import { syntaxErrors } from "./syntax.ts";
import { fileRefusal, importRefusal, isInside, refusals } from "./imports.ts";
import { diagnosticsMax } from "../../../shared/toolchains/limits.ts";
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";

export interface BundleJob {
  /** The submission's folder, a real path. */
  root: string;
  entry: string;
  outfile: string;
  /** Allowed package name -> the real path of its entry file. */
  packageEntries: Record<string, string>;
  /** Real folders of the allowed packages and their dependencies: all a bundle may load besides the submission. */
  packageFolders: string[];
}

/** esbuild's errors as diagnostics; none when the bundle was written. */
export async function bundle(
  job: BundleJob,
  onFile: (rel: string) => void,
): Promise<BuildDiagnostic[]> {
  // TypeScript's syntax errors, reported as they are (esbuild's messages need a line).
  const unparsed: BuildDiagnostic[] = [];
  try {
    await esbuild.build({
      entryPoints: [join(job.root, job.entry)],
      absWorkingDir: job.root,
      outfile: job.outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      // The learner's folder has no tsconfig; one in a parent folder must not change the build.
      tsconfigRaw: {},
      logLevel: "silent",
      plugins: [submissionGuard(job, onFile, unparsed)],
    });
    return [];
  } catch (err) {
    const errors = (err as Partial<esbuild.BuildFailure>).errors;
    if (!errors) throw err;
    if (unparsed.length > 0) return unparsed.slice(0, diagnosticsMax);
    return errors.slice(0, diagnosticsMax).map((e) => {
      const at = e.location;
      if (!at) return diagnostic(".", e.text);
      return diagnostic(at.file, e.text, at.line, at.column + 1);
    });
  }
}

/** Marks the resolutions the guard asks esbuild for, so it does not judge its own question. */
const innerResolve = Symbol("inner resolve");

function submissionGuard(
  job: BundleJob,
  onFile: (rel: string) => void,
  unparsed: BuildDiagnostic[],
): esbuild.Plugin {
  const { root } = job;
  const fromPackages = (path: string) => job.packageFolders.some((f) => isInside(f, path));
  return {
    name: "submission-guard",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === innerResolve || args.kind === "entry-point") return undefined;
        // The allowed packages' own imports: resolved as Node would; onLoad bounds where to.
        if (!isInside(root, args.importer)) return undefined;
        const spec = args.path;
        const error = (text: string) => ({ errors: [{ text }] });
        if (Object.keys(args.with).length > 0) return error(refusals.attributes(spec));
        const refused = importRefusal(spec, args.resolveDir, root);
        if (refused) return error(refused);
        const entry = job.packageEntries[spec];
        if (entry) return { path: entry };
        if (!spec.startsWith(".") && !spec.startsWith("/")) return { path: spec, external: true };
        const found = await build.resolve(spec, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: innerResolve,
        });
        if (found.errors.length > 0) {
          // In the build's sandbox what a link outside points to is not there: say why.
          const link = linkOutOf(root, resolve(args.resolveDir, spec));
          return link ? error(refusals.throughLink(spec)) : { errors: found.errors };
        }
        const real = realpathSync(found.path);
        const refusedFile = fileRefusal(spec, real, root);
        return refusedFile ? error(refusedFile) : { path: real };
      });
      build.onLoad({ filter: /.*/, namespace: "file" }, (args) => {
        const real = realpathSync(args.path);
        if (isInside(root, real)) {
          const rel = relative(root, real);
          onFile(rel);
          const contents = readFileSync(real, "utf8");
          const errors = syntaxErrors(rel, contents);
          if (errors.length > 0) {
            unparsed.push(...errors);
            return { errors: [{ text: `${rel} has syntax errors` }] };
          }
          // Always TypeScript, whatever an attribute or extension would ask of esbuild.
          return { contents, loader: "ts", resolveDir: dirname(real) };
        }
        if (fromPackages(real)) return undefined;
        return {
          errors: [
            { text: `${args.path} is outside your submission's folder and the allowed packages` },
          ],
        };
      });
    },
  };
}

/** True when `path`, or a folder of it below `root`, is a symbolic link leading out of `root`. */
function linkOutOf(root: string, path: string): boolean {
  for (let p = path; p !== root && isInside(root, p); p = dirname(p)) {
    let target: string;
    try {
      if (!lstatSync(p).isSymbolicLink()) continue;
      target = resolve(dirname(p), readlinkSync(p));
    } catch {
      continue; // not there: a missing file, not a link
    }
    if (!isInside(root, target)) return true;
  }
  return false;
}
