// Every subcommand of the CLI, registered in one place.
import type { Command } from "commander";
import { registerCheck } from "./check.ts";
import { registerGc } from "./gc.ts";
import { registerJudgeCommands } from "./judge.ts";

export function registerCommands(program: Command): void {
  registerJudgeCommands(program);
  registerCheck(program);
  registerGc(program);
}
