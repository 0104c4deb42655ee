// The npm packages a TypeScript submission may import, and where they are installed: the
// project's own node_modules, so a submission needs none of its own.
import { createRequire } from "node:module";
import { dirname } from "node:path";

export const allowedPackages = ["@grpc/grpc-js", "@grpc/proto-loader"] as const;

/** The node_modules folder that holds the allowed packages. */
export function projectNodeModules(): string {
  const manifest = createRequire(import.meta.url).resolve("@grpc/grpc-js/package.json");
  return dirname(dirname(dirname(manifest)));
}

/** "@grpc/grpc-js/build/src/x" -> true; "left-pad" -> false. */
export function isAllowedPackage(specifier: string): boolean {
  return allowedPackages.some((p) => specifier === p || specifier.startsWith(`${p}/`));
}
