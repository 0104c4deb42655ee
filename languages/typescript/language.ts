// TypeScript: bundled by esbuild and type-checked in a worker process (toolchain/build.ts),
// run by the judge's own Node 20.
import type { LanguageDefinition } from "../definition.ts";
import { typescriptTemplate } from "./template.ts";

/** The npm packages a submission may import, from the project's node_modules. */
export const ALLOWED_PACKAGES = ["@grpc/grpc-js", "@grpc/proto-loader"] as const;

/** The build's worker as one file: prebuilt in a cloud build, bundled on first use locally. */
export const WORKER_FILE = "typescript-worker.mjs";

export const typescript = {
  name: "typescript",
  entryFile: "main.ts",
  debianPackages: [],
  stepPackages: ["esbuild", "typescript", ...ALLOWED_PACKAGES],
  stepModules: { [WORKER_FILE]: "toolchain/worker.ts" },
  stepFiles: {},
  template: typescriptTemplate,
} as const satisfies LanguageDefinition;
