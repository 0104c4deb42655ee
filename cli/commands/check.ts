// `clusterjudge check`: is each history file linearizable? Parsing only; the work
// (cli/check/run.ts) is loaded when the command runs. Each file's format and model come from
// the file itself (cli/check/declared.ts); --format and --model override them.
// Exit status (shared/domain/outcome.ts EXIT_CODES): 0 every file linearizable, 1 any not
// linearizable or unknown, 2 usage or parse error (nothing is checked then).
import { Command, InvalidArgumentError, Option } from "commander";
import {
  FORMAT_NAMES,
  MODEL_NAMES,
  type FormatName,
  type ModelName,
} from "../../shared/check/linearizability/import/formats.ts";

export interface CheckFlags {
  model?: ModelName;
  format?: FormatName;
  json?: boolean;
  timeoutMs?: number;
  html?: string;
}

function parseTimeout(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError("the timeout is a whole number of milliseconds, at least 1");
  }
  return Number(value);
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check that each history file is linearizable")
    .addOption(
      new Option(
        "--model <model>",
        "the sequential model (default: what the file declares)",
      ).choices(MODEL_NAMES),
    )
    .addOption(
      new Option("--format <format>", "the files' format (default: what each file is)").choices(
        FORMAT_NAMES,
      ),
    )
    .option("--json", "print one JSON object per file and line")
    .option("--timeout-ms <n>", "give up (verdict unknown) after this long per file", parseTimeout)
    .option("--html <out>", "write the first failing partition as an HTML page")
    .argument("<files...>", "history files (a run's history.json, Jepsen logs or EDN)")
    .action(async (files: string[], flags: CheckFlags) => {
      const { runCheck } = await import("../check/run.ts");
      process.exitCode = runCheck(files, flags);
    });
}
