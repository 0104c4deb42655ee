// `clusterjudge judge`, `resume` and `dead-letters`: the local pipeline from the command line.
// Parsing only; the work is in shared/pipeline, loaded when a command runs.
import { Command, InvalidArgumentError, Option } from "commander";
import { LANGUAGES } from "../../languages/registry.ts";
import { REGISTRY } from "../../problems/registry.ts";
import { judgeHome } from "../../shared/pipeline/home.ts";
import type { JudgeEnvironment } from "../../shared/pipeline/judge-run.ts";

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

/** Loaded only by the commands that run clusters: the others start faster without them. */
async function environment(unsafeNoSandbox = false): Promise<JudgeEnvironment> {
  const { LocalCluster } = await import("../../shared/adapters/local/cluster/local-cluster.ts");
  const { createScenarioRunner } = await import("../../harness/index.ts");
  const cluster = new LocalCluster(unsafeNoSandbox ? { unsafeNoSandbox } : {});
  return { home: judgeHome(), cluster, scenarios: createScenarioRunner(), io };
}

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 31 - 1) {
    throw new InvalidArgumentError("the seed is a whole number from 0 to 2147483647");
  }
  return Number(value);
}

/** Ctrl-C stops at once; the store keeps everything for `clusterjudge resume`. */
function stopOnInterrupt(): void {
  process.once("SIGINT", () => {
    io.err("\ninterrupted: run `clusterjudge resume` to finish the submission");
    process.exit(130);
  });
}

export function registerJudgeCommands(program: Command): void {
  program
    .command("judge")
    .description("build, deploy and test a submission folder on a local cluster")
    .argument("<dir>", "the submission's folder")
    .requiredOption(
      "--problem <slug>",
      `one of the judged problems: ${REGISTRY.map((p) => p.slug).join(", ")}`,
    )
    .addOption(
      new Option("--language <language>", "the submission's language")
        .choices(LANGUAGES)
        .makeOptionMandatory(),
    )
    .option("--scenario <name>", "run only this scenario (repeatable)", collect, [])
    .option("--seed <n>", "the seed of the scenarios' randomness", parseSeed)
    .option("--json", "end with one JSON line on stdout instead of the table")
    .option(
      "--unsafe-no-sandbox",
      "deploy even where sandbox steps cannot be applied (each report says so); only for code you trust",
    )
    .action(async (dir: string, opts: JudgeOptions) => {
      stopOnInterrupt();
      const { unsafeNoSandbox, ...rest } = opts;
      const { runJudge } = await import("../../shared/pipeline/judge-run.ts");
      process.exitCode = await runJudge(
        { dir, ...rest, scenarios: opts.scenario, json: Boolean(opts.json) },
        await environment(Boolean(unsafeNoSandbox)),
      );
    });
  program
    .command("resume")
    .description("finish the submissions a stopped judge left unfinished")
    .option("--json", "one JSON line per submission instead of tables")
    .action(async (opts: { json?: boolean }) => {
      stopOnInterrupt();
      const { runResume } = await import("../../shared/pipeline/judge-run.ts");
      process.exitCode = await runResume(Boolean(opts.json), await environment());
    });
  program
    .command("dead-letters")
    .description("list the pipeline's messages that failed every attempt, or show one")
    .argument("[messageId]", "show this one in full")
    .option("--json", "as JSON")
    .action(async (messageId: string | undefined, opts: { json?: boolean }) => {
      const { showDeadLetters } = await import("../../shared/pipeline/dead-letters.ts");
      process.exitCode = await showDeadLetters(judgeHome(), messageId, Boolean(opts.json), io);
    });
}

interface JudgeOptions {
  problem: string;
  language: string;
  scenario: string[];
  seed?: number;
  json?: boolean;
  unsafeNoSandbox?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
