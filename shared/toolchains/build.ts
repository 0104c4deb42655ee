// Validates and builds one submission folder for its language.
import { resolve } from "node:path";
import { buildPython } from "./python.ts";
import { buildTypeScript } from "./typescript.ts";
import type { BuildOutput, BuildRequest } from "./types.ts";

export async function buildSubmission(opts: BuildRequest): Promise<BuildOutput> {
  const req: BuildRequest = {
    ...opts,
    srcDir: resolve(opts.srcDir),
    outDir: resolve(opts.outDir),
    protoPath: resolve(opts.protoPath),
  };
  switch (req.language) {
    case "python":
      return buildPython(req);
    case "typescript":
      return buildTypeScript(req);
  }
}
