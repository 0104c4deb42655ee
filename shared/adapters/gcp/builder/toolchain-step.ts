// The first step of a cloud build (cloudbuild-distributed.yaml), bundled into the source
// archive as judge/toolchain-step.mjs: the same toolchain as the local builder validates
// the user's files and generates the stubs into build/, which the language's Dockerfile
// copies into the image as /app. Diagnostics are printed one per line after a marker, for
// parseCloudBuildNotification to find in the log's tail; the node's command, relocated to
// /app, is the step's output (Cloud Build returns it in results.buildStepOutputs).
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatDiagnostic } from "../../../domain/build.ts";
import { buildSubmission } from "../../../toolchains/index.ts";
import type { Language } from "../../../../languages/registry.ts";
import { BUILD_MARKERS, WORKSPACE } from "./workspace.ts";

async function main(): Promise<void> {
  const [language, problem] = process.argv.slice(2) as [Language, string];
  if (!problem) throw new Error("no problem named: set the _PROBLEM substitution to its slug");
  const root = process.env["CLUSTERJUDGE_WORKSPACE"] ?? WORKSPACE.root;
  const outDir = join(root, WORKSPACE.build);
  // The archive holds the problem's one proto under its own file name.
  const protoDir = join(root, WORKSPACE.proto);
  const [protoFile] = readdirSync(protoDir).filter((f) => f.endsWith(".proto"));
  if (!protoFile) throw new Error(`no .proto in ${protoDir}`);
  const result = await buildSubmission({
    language,
    problem,
    srcDir: join(root, WORKSPACE.source),
    outDir,
    protoPath: join(protoDir, protoFile),
  });
  for (const line of result.log) process.stdout.write(`${line}\n`);
  if (!result.ok) {
    for (const d of result.diagnostics) {
      process.stdout.write(
        `${formatDiagnostic(d)}\n${BUILD_MARKERS.diagnostic} ${JSON.stringify(d)}\n`,
      );
    }
    process.exit(1);
  }
  const relocate = (arg: string) =>
    arg.startsWith(outDir) ? WORKSPACE.imageAppDir + arg.slice(outDir.length) : arg;
  const command = { argv: result.command.argv.map(relocate), cwd: WORKSPACE.imageAppDir };
  process.stdout.write(`${BUILD_MARKERS.command} ${JSON.stringify(command)}\n`);
  const outputDir = process.env["BUILDER_OUTPUT"];
  if (outputDir) {
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(join(outputDir, "output"), JSON.stringify(command));
  }
}

main().catch((err: unknown) => {
  // A platform fault, not the user's: the build fails without diagnostics.
  process.stderr.write(`toolchain step: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
