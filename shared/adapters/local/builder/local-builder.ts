// The builder port, locally: writes the submission's files into its run folder and runs
// the language's toolchain (shared/toolchains) on them, in this process.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { BuildOutcome } from "../../../domain/build.ts";
import type { Submission } from "../../../domain/submission.ts";
import type { Builder } from "../../../ports/builder.ts";
import { buildSubmission } from "../../../toolchains/index.ts";

export interface LocalBuilderOptions {
  /** The submission's run folder: its source goes to src/, the build to build/. */
  runDir(submissionId: string): string;
  protoPath(problem: string): string;
}

export class LocalBuilder implements Builder {
  constructor(private readonly opts: LocalBuilderOptions) {}

  async build(s: Submission): Promise<BuildOutcome> {
    const runDir = this.opts.runDir(s.id);
    const srcDir = join(runDir, "src");
    const outDir = join(runDir, "build");
    // A rebuild (the judge died mid-build) starts from nothing.
    rmSync(srcDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    for (const [path, text] of Object.entries(s.files)) {
      const file = join(srcDir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    return buildSubmission({
      language: s.language,
      problem: s.problem,
      srcDir,
      outDir,
      protoPath: this.opts.protoPath(s.problem),
    });
  }
}
