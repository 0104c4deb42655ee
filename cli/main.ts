// The `clusterjudge` command: one subcommand per file in cli/commands/, each loading its
// work only when it runs, so every command starts fast. Exit statuses come from
// shared/domain/outcome.ts (EXIT_CODES): a usage error is 2 and the judge's own failure 4.
import { Command, CommanderError } from "commander";
import { EXIT_CODES } from "../shared/domain/outcome.ts";
import { registerCommands } from "./commands/index.ts";
import { programHelp } from "./help.ts";
import { packageVersion } from "./version.ts";

/** An error nobody caught is the judge's own failure, never a verdict on the submission. */
function judgeFailed(err: unknown): void {
  process.stderr.write(
    `clusterjudge: internal error (exit ${EXIT_CODES.judgeError}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(EXIT_CODES.judgeError);
}
process.on("uncaughtException", judgeFailed);
process.on("unhandledRejection", judgeFailed);

// Settings made before the subcommands are added are inherited by them.
const program = new Command("clusterjudge")
  .description(
    "A judge for distributed algorithms: deploys a submission as a real gRPC cluster, attacks it with faults and checks what clients saw.",
  )
  .version(packageVersion(), "-V, --version", "print the version")
  .helpOption("-h, --help", "show this help")
  .showHelpAfterError("(clusterjudge --help lists the commands, with examples)")
  .configureHelp({ styleTitle: (title) => `\u001b[1m${title}\u001b[22m` })
  .exitOverride();
registerCommands(program);
program.addHelpText("after", programHelp);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (!(err instanceof CommanderError)) judgeFailed(err);
  // Help and version end well; every other commander error is a usage error.
  else process.exitCode = err.exitCode === 0 ? 0 : EXIT_CODES.usage;
}
