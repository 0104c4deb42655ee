// Every subcommand of the CLI, registered in one place.
import type { Command } from "commander";
import { registerJudgeCommands } from "./judge.ts";

export function registerCommands(program: Command): void {
  registerJudgeCommands(program);
}
