// Each language's build, by name: what buildSubmission (shared/toolchains/build.ts) runs.
// Local builds and the cloud build's toolchain step only: it loads esbuild and TypeScript,
// which no cloud function may carry (scripts/build-functions.ts refuses it there).
import { buildPython } from "./python/toolchain/build.ts";
import { buildRust } from "./rust/toolchain/build.ts";
import { buildTypeScript } from "./typescript/toolchain/build.ts";
import type { BuildOutput, BuildRequest } from "../shared/toolchains/types.ts";
import type { Language } from "./registry.ts";

export const TOOLCHAINS: Readonly<Record<Language, (req: BuildRequest) => Promise<BuildOutput>>> = {
  python: buildPython,
  rust: buildRust,
  typescript: buildTypeScript,
};
