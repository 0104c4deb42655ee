// `clusterjudge problems`: the catalogue, with each problem's scenarios.
import type { Command } from "commander";

export function registerProblems(program: Command): void {
  program
    .command("problems")
    .description("list the problems: id, slug, nodes, languages, scenarios")
    .option("--json", "as one JSON array")
    .action(async (opts: { json?: boolean }) => {
      const { listProblems } = await import("../problems/list.ts");
      process.stdout.write(`${listProblems(Boolean(opts.json))}\n`);
    });
}
