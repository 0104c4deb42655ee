// `clusterjudge check`: is each history file linearizable? Reads the files, calls the
// checker in shared/check and prints a line per file (or one JSON object per line).
// Exit status: 0 all linearizable, 1 any not, 3 any unknown and none not, 2 usage or
// parse error (nothing is checked then).
import { Command, InvalidArgumentError, Option } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { CheckResult } from "../../shared/check/index.ts";
import {
  FORMAT_NAMES,
  MODEL_NAMES,
  loadHistory,
  unsupportedPair,
  type FormatName,
  type LoadedHistory,
  type ModelName,
} from "../../shared/check/linearizability/import/load-history.ts";
import { HistoryParseError } from "../../shared/check/linearizability/import/parse-error.ts";
import { renderFailureHtml } from "../../shared/check/linearizability/render-html.ts";

interface CheckFlags {
  model: ModelName;
  format: FormatName;
  json?: boolean;
  timeoutMs?: number;
  html?: string;
}

const EXIT = { linearizable: 0, "not-linearizable": 1, usage: 2, unknown: 3 } as const;

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
      new Option("--model <model>", "the sequential model")
        .choices(MODEL_NAMES)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--format <format>", "the files' format")
        .choices(FORMAT_NAMES)
        .makeOptionMandatory(),
    )
    .option("--json", "print one JSON object per file and line")
    .option("--timeout-ms <n>", "give up (verdict unknown) after this long per file", parseTimeout)
    .option("--html <out>", "write the first failing partition as an HTML page")
    .argument("<files...>", "history files")
    .action((files: string[], flags: CheckFlags) => {
      process.exitCode = runCheck(files, flags);
    });
}

function runCheck(files: string[], flags: CheckFlags): number {
  const unsupported = unsupportedPair(flags.format, flags.model);
  if (unsupported) {
    process.stderr.write(`error: ${unsupported}\n`);
    return EXIT.usage;
  }
  const loaded = loadAll(files, flags);
  if (!loaded) return EXIT.usage;
  const verdicts = loaded.map(({ file, history }) => {
    const result = history.check(
      flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs },
    );
    report(file, result, flags);
    if (flags.html && result.failure) writeHtml(file, result, history, flags.html, files.length);
    return result.verdict;
  });
  if (verdicts.includes("not-linearizable")) return EXIT["not-linearizable"];
  return verdicts.includes("unknown") ? EXIT.unknown : EXIT.linearizable;
}

/** Reads every file first: a parse error anywhere stops the run before any check. */
function loadAll(
  files: string[],
  flags: CheckFlags,
): { file: string; history: LoadedHistory }[] | undefined {
  const loaded: { file: string; history: LoadedHistory }[] = [];
  let failed = false;
  for (const file of files) {
    try {
      loaded.push({
        file,
        history: loadHistory(flags.format, flags.model, file, readFileSync(file, "utf8")),
      });
    } catch (err) {
      if (!(err instanceof HistoryParseError) && !isFileError(err)) throw err;
      process.stderr.write(
        `error: ${err instanceof HistoryParseError ? err.message : `${file}: ${(err as Error).message}`}\n`,
      );
      failed = true;
    }
  }
  return failed ? undefined : loaded;
}

const isFileError = (err: unknown): boolean =>
  err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string";

function report(file: string, result: CheckResult, flags: CheckFlags): void {
  const ms = Math.round(result.ms * 10) / 10;
  if (flags.json) {
    const line = {
      file,
      verdict: result.verdict,
      ops: result.ops,
      ms,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.failure
        ? { key: result.failure.key, explanation: result.failure.explanation }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  const counts = `${result.ops} operations, ${result.partitions} partition${result.partitions === 1 ? "" : "s"}, ${ms} ms`;
  const head = {
    linearizable: `ok    ${file}: linearizable (${counts})`,
    "not-linearizable": `FAIL  ${file}: not linearizable (${counts})`,
    unknown: `?     ${file}: unknown (${counts}): ${result.reason ?? ""}`,
  }[result.verdict];
  process.stdout.write(`${head}\n`);
  for (const line of result.failure?.explanation ?? []) process.stdout.write(`      ${line}\n`);
}

function writeHtml(
  file: string,
  result: CheckResult,
  history: LoadedHistory,
  out: string,
  fileCount: number,
): void {
  // With several files, each failing one gets its own page beside OUT.
  const path =
    fileCount === 1
      ? out
      : `${out.slice(0, out.length - extname(out).length)}-${basename(file)}.html`;
  const title = `${basename(file)}: not linearizable`;
  writeFileSync(
    path,
    renderFailureHtml(result.failure!, { title, describeTime: history.describeTime }),
  );
  process.stderr.write(`wrote ${path}\n`);
}
