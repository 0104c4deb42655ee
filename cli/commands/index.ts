// Every subcommand of the CLI, registered in one place, in the order `--help` lists them.
import type { Command } from "commander";
import { registerCheck } from "./check.ts";
import { registerInit } from "./init.ts";
import { registerGc } from "./gc.ts";
import { registerJudgeCommands } from "./judge.ts";
import { registerProblems } from "./problems.ts";
import { registerRuns } from "./runs.ts";
import { registerServe } from "./serve.ts";

export function registerCommands(program: Command): void {
  registerProblems(program);
  registerInit(program);
  registerJudgeCommands(program);
  registerRuns(program);
  registerCheck(program);
  registerServe(program);
  registerGc(program);
}
