// `clusterjudge gc`: removes old finished runs' folders under the judge home by a policy
// of age, count and total size (shared/pipeline/gc-policy.ts). A dry run unless --delete:
// it lists what would go and why. Parsing and printing only; the work is in shared/pipeline.
import { Command, InvalidArgumentError, Option } from "commander";
import type { GcOutcome } from "../../shared/pipeline/gc.ts";
import { DEFAULT_GC_POLICY, gib } from "../../shared/pipeline/gc-policy.ts";
import { judgeHome } from "../../shared/pipeline/home.ts";

interface GcFlags {
  olderThan: number;
  keep: number;
  maxSize: number;
  delete?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

function whole(what: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${what} is a whole number`);
    return Number(value);
  };
}

function print(outcome: GcOutcome): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const verb = outcome.removed ? "removed" : "would remove";
  for (const { run, why } of outcome.prunes) {
    out(`${verb} ${run.id}  ${run.status}  ${gib(run.bytes)}  ${why}`);
  }
  const unfinished = outcome.runs.filter((r) => r.finishedAtMs === null).length;
  out(
    `${outcome.prunes.length} of ${outcome.runs.length} runs ${verb === "removed" ? "removed" : "to remove"}, ` +
      `${gib(outcome.chosenBytes)} of ${gib(outcome.totalBytes)}` +
      (unfinished ? `; ${unfinished} unfinished kept whatever the policy` : "") +
      (outcome.removed || outcome.prunes.length === 0 ? "" : "; run with --delete to remove them"),
  );
}

export function registerGc(program: Command): void {
  const d = DEFAULT_GC_POLICY;
  program
    .command("gc")
    .description(
      "remove old finished runs' files (source, build, evidence) from the judge home; a dry run unless --delete",
    )
    .option(
      "--older-than <days>",
      "remove finished runs older than this",
      whole("--older-than"),
      d.maxAgeDays,
    )
    .option("--keep <n>", "keep at most this many finished runs", whole("--keep"), d.keep)
    .option(
      "--max-size <MiB>",
      "remove the oldest finished runs while all runs take more",
      whole("--max-size"),
      d.maxTotalBytes / 2 ** 20,
    )
    .addOption(
      new Option("--delete", "remove them (without it, only list them)").conflicts("dryRun"),
    )
    .option("--dry-run", "only list what would be removed (the default)")
    .option("--json", "print the outcome as one JSON object")
    .action(async (flags: GcFlags) => {
      // Loaded here, not at start: every other command starts without the store.
      const { LocalStore } = await import("../../shared/adapters/local/store/index.ts");
      const { gc } = await import("../../shared/pipeline/gc.ts");
      const home = judgeHome();
      const store = new LocalStore({ path: home.dbPath });
      try {
        const outcome = await gc(
          home,
          store,
          { maxAgeDays: flags.olderThan, keep: flags.keep, maxTotalBytes: flags.maxSize * 2 ** 20 },
          { remove: Boolean(flags.delete), nowMs: Date.now() },
        );
        if (flags.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
        else print(outcome);
      } finally {
        await store.close();
      }
    });
}
