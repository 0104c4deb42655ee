// What a TypeScript submission may import, as one rule for the bundler and the type checker:
// its own .ts files (by relative path, ending inside its folder), Node's built-in modules, and
// the allowed packages by their exact names. Everything else names a file the build must not
// read: a host file ("../../etc/shadow", "@grpc/grpc-js/../../x"), or data a loader would
// embed in the bundle (text, JSON, binary).
import { isBuiltin } from "node:module";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { ALLOWED_PACKAGES } from "../language.ts";
import { isAllowedPackage } from "./node-packages.ts";

/** True when `path` is `root` or below it (both absolute; no file-system access). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Extensions of the submission's own files that may be imported: all loaded as TypeScript. */
export const importableExtensions = [".ts", ".mts", ".cts"];

const packagesText = `Node's built-in modules, ${ALLOWED_PACKAGES.join(" and ")}`;

export const refusals = {
  outside: (spec: string) =>
    `"${spec}" is outside your submission's folder: a build reads only your folder`,
  throughLink: (spec: string) =>
    `"${spec}" leads outside your submission's folder through a symbolic link: a build reads only your folder`,
  notTypeScript: (spec: string) =>
    `"${spec}" is not a .ts file: a submission imports only its own .ts files (no text, JSON or binary files)`,
  attributes: (spec: string) =>
    `"${spec}" has import attributes (with { ... }): they are refused, as they would embed files in the bundle; import your .ts files, ${packagesText}`,
  packagePath: (spec: string) =>
    `"${spec}" is a path inside a package: import ${ALLOWED_PACKAGES.map((p) => `"${p}"`).join(" or ")} by its exact name`,
  unavailable: (spec: string) => `"${spec}" is not available: only ${packagesText} can be imported`,
  typesUnavailable: (name: string) =>
    `types "${name}" are not available: only Node's ("node") are, and the allowed packages bring their own`,
};

/**
 * Why `spec`, written in a file of the submission in `importerDir`, may not be imported; null
 * when it may. Lexical only: the file a relative path finds (its real path through symbolic
 * links, its extension) is checked by fileRefusal once resolution found it.
 */
export function importRefusal(spec: string, importerDir: string, root: string): string | null {
  if (spec.startsWith(".") || spec.startsWith("/")) {
    return isInside(root, resolve(importerDir, spec)) ? null : refusals.outside(spec);
  }
  if (isBuiltin(spec) || isAllowedPackage(spec)) return null;
  if (ALLOWED_PACKAGES.some((p) => spec.startsWith(`${p}/`))) return refusals.packagePath(spec);
  return refusals.unavailable(spec);
}

/** Why the file `realPath` (resolved from `spec`, symbolic links followed) may not be imported. */
export function fileRefusal(spec: string, realPath: string, root: string): string | null {
  if (!isInside(root, realPath)) return refusals.throughLink(spec);
  const name = realPath.toLowerCase();
  if (!importableExtensions.some((ext) => name.endsWith(ext))) return refusals.notTypeScript(spec);
  return null;
}
