// `clusterjudge runs` and `clusterjudge show <id>`: past runs in the judge home's store.
// Parsing only; the work is in cli/runs/, loaded when a command runs.
import { InvalidArgumentError, type Command } from "commander";
import { judgeHome } from "../../shared/pipeline/home.ts";

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError("the limit is a whole number, at least 1");
  }
  return Number(value);
}

export function registerRuns(program: Command): void {
  program
    .command("runs")
    .description("list past runs, newest first: id, problem, language, status, verdict, when")
    .option("--limit <n>", "show at most this many", parseLimit, 20)
    .option("--json", "as one JSON array")
    .action(async (opts: { limit: number; json?: boolean }) => {
      const { listRuns } = await import("../runs/list.ts");
      process.exitCode = await listRuns(judgeHome(), opts.limit, Boolean(opts.json));
    });
  program
    .command("show")
    .description("show one run: its verdict table and the paths to its reports")
    .argument("<id>", 'the run\'s id, a prefix of it naming one run, or "latest"')
    .option("--json", "the run's summary as one JSON line")
    .action(async (id: string, opts: { json?: boolean }) => {
      const { showRun } = await import("../runs/show.ts");
      process.exitCode = await showRun(judgeHome(), id, Boolean(opts.json));
    });
}
