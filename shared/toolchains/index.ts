export { buildSubmission } from "./build.ts";
export { ToolchainError } from "./types.ts";
export type { BuildDiagnostic, BuildOutput, BuildRequest } from "./types.ts";
