// `clusterjudge serve`: the web UI and its API on this machine, as `npm start` (server/main.ts,
// loaded only now). server/main.ts takes its settings from the environment (PORT, HOST, the
// token and rate variables it documents), so the flags are handed to it there.
import { InvalidArgumentError, Option, type Command } from "commander";

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError("the port is a whole number from 0 to 65535");
  }
  return Number(value);
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "serve the web UI and its API (Ctrl-C stops it; unfinished work resumes at the next start)",
    )
    .addOption(
      new Option("--port <n>", "the port to listen on")
        .env("PORT")
        .argParser(parsePort)
        .default(8080),
    )
    .addOption(
      new Option(
        "--host <address>",
        "the address to listen on; beyond loopback it asks for a token",
      )
        .env("HOST")
        .default("127.0.0.1"),
    )
    .action(async (opts: { port: number; host: string }) => {
      process.env.PORT = String(opts.port);
      process.env.HOST = opts.host;
      await import("../../server/main.ts");
    });
}
