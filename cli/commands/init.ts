// `clusterjudge init <problem> <language> [dir]`: a new submission folder from the problem's
// template. Parsing only; the writing is cli/init/write-template.ts.
import { Argument, InvalidArgumentError, type Command } from "commander";
import { LANGUAGES, type Language } from "../../languages/registry.ts";
import { PROBLEMS, findProblem } from "../../shared/domain/problems.ts";

/** The problem named by slug or id; an unknown one is a usage error. */
function parseProblem(value: string): string {
  const problem = findProblem(value);
  if (!problem) {
    throw new InvalidArgumentError(
      `no problem "${value}"; problems: ${PROBLEMS.map((p) => p.slug).join(", ")}`,
    );
  }
  return problem.slug;
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("start a submission: write the problem's template for a language into a folder")
    .addArgument(new Argument("<problem>", "the problem's slug or id").argParser(parseProblem))
    .addArgument(new Argument("<language>", "the language").choices(LANGUAGES))
    .argument("[dir]", "the new folder (default: <problem>-<language>); must be empty or absent")
    .action(async (problem: string, language: Language, dir: string | undefined) => {
      const { initSubmission } = await import("../init/write-template.ts");
      process.exitCode = initSubmission(problem, language, dir ?? `${problem}-${language}`);
    });
}
