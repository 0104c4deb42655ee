// What `clusterjudge check` does once its flags are parsed: reads every file (with the
// format and model it declares, or the flags'), checks each, prints a line per file (or one
// JSON object per line) and returns the exit status.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { CheckResult } from "../../shared/check/index.ts";
import {
  loadHistory,
  unsupportedPair,
  type LoadedHistory,
} from "../../shared/check/linearizability/import/load-history.ts";
import { HistoryParseError } from "../../shared/check/linearizability/import/parse-error.ts";
import { renderFailureHtml } from "../../shared/check/linearizability/render-html.ts";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import { paintFor, type Paint } from "../colour.ts";
import type { CheckFlags } from "../commands/check.ts";
import { resolveDeclared } from "./declared.ts";

interface Loaded {
  file: string;
  history: LoadedHistory;
}

export function runCheck(files: string[], flags: CheckFlags): number {
  if (flags.format && flags.model) {
    const unsupported = unsupportedPair(flags.format, flags.model);
    if (unsupported) return usage(unsupported);
  }
  const loaded = loadAll(files, flags);
  if (!loaded) return EXIT_CODES.usage;
  const paint = paintFor(process.stdout);
  const verdicts = loaded.map(({ file, history }) => {
    const result = history.check(
      flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs },
    );
    report(file, result, flags, paint);
    if (flags.html && result.failure) writeHtml(file, result, history, flags.html, files.length);
    return result.verdict;
  });
  // Unknown is no pass: the checker could not show the history linearizable (as `judge`).
  return verdicts.every((v) => v === "linearizable") ? EXIT_CODES.accepted : EXIT_CODES.rejected;
}

function usage(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return EXIT_CODES.usage;
}

/** Reads every file first: a parse error anywhere stops the run before any check. */
function loadAll(files: string[], flags: CheckFlags): Loaded[] | undefined {
  const loaded: Loaded[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const history = loadOne(file, flags);
      if (history) loaded.push({ file, history });
      else failed = true;
    } catch (err) {
      if (!(err instanceof HistoryParseError) && !isFileError(err)) throw err;
      usage(err instanceof HistoryParseError ? err.message : `${file}: ${(err as Error).message}`);
      failed = true;
    }
  }
  return failed ? undefined : loaded;
}

function loadOne(file: string, flags: CheckFlags): LoadedHistory | undefined {
  const text = readFileSync(file, "utf8");
  const how = resolveDeclared(flags, text);
  if ("missing" in how) {
    usage(
      `${file}: cannot tell the history's ${how.missing.map((f) => f.slice(2)).join(" or ")}: give ${how.missing.join(" and ")}`,
    );
    return undefined;
  }
  const unsupported = unsupportedPair(how.format, how.model);
  if (unsupported) {
    usage(`${file}: ${unsupported}`);
    return undefined;
  }
  return loadHistory(how.format, how.model, file, text);
}

const isFileError = (err: unknown): boolean =>
  err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string";

function report(file: string, result: CheckResult, flags: CheckFlags, paint: Paint): void {
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
    linearizable: `${paint("green", "ok")}    ${file}: linearizable (${counts})`,
    "not-linearizable": `${paint("red", "FAIL")}  ${file}: not linearizable (${counts})`,
    unknown: `${paint("yellow", "?")}     ${file}: unknown (${counts}): ${result.reason ?? ""}`,
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
