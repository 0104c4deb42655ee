// Where the npm packages a TypeScript submission may import (ALLOWED_PACKAGES) are installed:
// the project's own node_modules, so a submission needs none of its own. A submission names a
// package exactly ("@grpc/grpc-js"): a deeper path ("@grpc/grpc-js/build/src/x", or one with
// "../" in it) is not part of what these packages document, and could name any host file.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ALLOWED_PACKAGES } from "../language.ts";

const require = createRequire(import.meta.url);

/** "@grpc/grpc-js" -> true; "@grpc/grpc-js/build/src/x", "left-pad" -> false. */
export function isAllowedPackage(specifier: string): boolean {
  return (ALLOWED_PACKAGES as readonly string[]).includes(specifier);
}

/** The real path of the node_modules folder that holds the allowed packages. */
export function projectNodeModules(): string {
  const manifest = require.resolve("@grpc/grpc-js/package.json");
  return realpathSync(dirname(dirname(dirname(manifest))));
}

/** The file `require(name)` loads, from the project's node_modules (never the submission's). */
export function packageEntry(name: string): string {
  return realpathSync(require.resolve(name, { paths: [projectNodeModules()] }));
}

/**
 * The real folders of the named packages and of every package they depend on, found as
 * Node finds them (node_modules folders up from the dependent). What a build may read of
 * the host besides the submission.
 */
export function packageFolders(names: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string, optional: boolean): void => {
    const folder = findPackage(name, from);
    if (!folder) {
      if (optional) return;
      throw new Error(`package ${name} is not installed (looked up from ${from})`);
    }
    if (found.has(folder)) return;
    found.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, folder, false);
    const optionals = { ...manifest.optionalDependencies, ...manifest.peerDependencies };
    for (const dep of Object.keys(optionals)) visit(dep, folder, true);
  };
  const root = dirname(projectNodeModules());
  for (const name of names) visit(name, root, false);
  return [...found];
}

/** The real folder of an allowed package (or any installed one) in the project. */
export function packageFolder(name: string): string {
  const folder = findPackage(name, dirname(projectNodeModules()));
  if (!folder) throw new Error(`package ${name} is not installed`);
  return folder;
}

function findPackage(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}
