// The `clusterjudge` command: one subcommand per file in cli/commands/.
import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

const program = new Command("clusterjudge")
  .description("A judge for distributed algorithms")
  .showHelpAfterError()
  .exitOverride((err) => {
    // Usage errors exit 2 across every subcommand; help and version exit 0.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerCommands(program);
await program.parseAsync(process.argv);
