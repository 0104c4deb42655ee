// Each language's build, by name: what buildSubmission (shared/toolchains/build.ts) runs.
// Local builds and the cloud build's toolchain step only: it loads esbuild and TypeScript,
// which no cloud function may carry (scripts/build-functions.ts refuses it there).
import { buildGo } from "./go/toolchain/build.ts";
import { buildJava } from "./java/toolchain/build.ts";
import { buildCpp } from "./cpp/toolchain/build.ts";
import { buildPython } from "./python/toolchain/build.ts";
import { buildRust } from "./rust/toolchain/build.ts";
import { buildTypeScript } from "./typescript/toolchain/build.ts";
import type { BuildOutput, BuildRequest } from "../shared/toolchains/types.ts";
import type { Language } from "./registry.ts";

export const TOOLCHAINS: Readonly<Record<Language, (req: BuildRequest) => Promise<BuildOutput>>> = {
  go: buildGo,
  java: buildJava,
  cpp: buildCpp,
  python: buildPython,
  rust: buildRust,
  typescript: buildTypeScript,
};
