// Builds a TypeScript submission: bundles main.ts and everything it imports with esbuild into
// one CommonJS file, copies the problem's proto beside it, then type-checks the sources. The
// node runs as `node node.cjs` in the output folder and finds the proto at
// path.join(__dirname, "<problem>.proto").
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import { basename, join, relative, resolve } from "node:path";
import * as esbuild from "esbuild";
import { isAllowedPackage, projectNodeModules } from "./node-packages.ts";
import { listSubmissionFiles } from "./submission-files.ts";
import { typeCheck } from "./typescript-typecheck.ts";
import { ENTRY_FILES } from "../domain/problems.ts";
import { diagnosticsMax } from "./limits.ts";
import { diagnostic, type BuildDiagnostic, type BuildOutput, type BuildRequest } from "./types.ts";

const entryPoint = ENTRY_FILES.typescript;
export const bundleName = "node.cjs";

export async function buildTypeScript(req: BuildRequest): Promise<BuildOutput> {
  const log: string[] = [];
  const listed = listSubmissionFiles(req.srcDir);
  if (!listed.ok) return { ok: false, diagnostics: [listed.diagnostic], log };
  if (!existsSync(join(req.srcDir, entryPoint))) {
    const message = `the entry point ${entryPoint} is missing: the node is bundled from ${entryPoint} in your folder's top level`;
    return { ok: false, diagnostics: [diagnostic(entryPoint, message)], log };
  }
  mkdirSync(req.outDir, { recursive: true });
  const bundled = await bundle(req.srcDir, join(req.outDir, bundleName));
  if (bundled.length > 0) return { ok: false, diagnostics: bundled, log };
  log.push(`bundled ${entryPoint} into ${bundleName} with esbuild`);
  const typeErrors = typeCheck(req.srcDir, entryPoint);
  if (typeErrors.length > 0) return { ok: false, diagnostics: typeErrors, log };
  log.push("type-checked (strict)");
  const protoName = basename(req.protoPath);
  rmSync(join(req.outDir, protoName), { force: true }); // the platform's copy may be read-only
  copyFileSync(req.protoPath, join(req.outDir, protoName));
  log.push(`copied ${protoName} beside ${bundleName}`);
  return {
    ok: true,
    command: { argv: [process.execPath, bundleName], cwd: req.outDir },
    outDir: req.outDir,
    log,
  };
}

/** Returns esbuild's errors as diagnostics; none when the bundle was written. */
async function bundle(srcDir: string, outfile: string): Promise<BuildDiagnostic[]> {
  try {
    await esbuild.build({
      entryPoints: [join(srcDir, entryPoint)],
      absWorkingDir: srcDir,
      outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      nodePaths: [projectNodeModules()],
      // The learner's folder has no tsconfig; one in a parent folder must not change the build.
      tsconfigRaw: {},
      logLevel: "silent",
      plugins: [submissionImports(srcDir)],
    });
    return [];
  } catch (err) {
    const errors = (err as Partial<esbuild.BuildFailure>).errors;
    if (!errors) throw err;
    return errors.slice(0, diagnosticsMax).map((e) => {
      const at = e.location;
      if (!at) return diagnostic(".", e.text);
      return diagnostic(at.file, e.text, at.line, at.column + 1);
    });
  }
}

/** Refuses imports that leave the learner's folder or name packages the platform lacks. */
function submissionImports(srcDir: string): esbuild.Plugin {
  const root = resolve(srcDir);
  const inSubmission = (path: string) => !relative(root, path).startsWith("..");
  return {
    name: "submission-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point" || !inSubmission(args.importer)) return undefined;
        const spec = args.path;
        if (spec.startsWith(".") || spec.startsWith("/")) {
          if (inSubmission(resolve(args.resolveDir, spec))) return undefined;
          return { errors: [{ text: `"${spec}" is outside your submission's folder` }] };
        }
        if (isBuiltin(spec) || isAllowedPackage(spec)) return undefined;
        const text = `"${spec}" is not available: only Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader can be imported`;
        return { errors: [{ text }] };
      });
    },
  };
}
