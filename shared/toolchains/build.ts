// Validates and builds one submission folder with its language's toolchain (languages/).
import { resolve } from "node:path";
import { TOOLCHAINS } from "../../languages/toolchains.ts";
import type { BuildOutput, BuildRequest } from "./types.ts";

export async function buildSubmission(opts: BuildRequest): Promise<BuildOutput> {
  const req: BuildRequest = {
    ...opts,
    srcDir: resolve(opts.srcDir),
    outDir: resolve(opts.outDir),
    protoPath: resolve(opts.protoPath),
  };
  return TOOLCHAINS[req.language](req);
}
