#!/usr/bin/env node
// The `clusterjudge` command. Runs the CLI built to JavaScript (cli/build/build-cli.ts, at
// `npm run setup`), so a command starts without transpiling. When that build is missing or
// older than any of its sources (a developer edited one), it builds again first; if it
// cannot (a read-only checkout), it runs the TypeScript sources through tsx. Either way it
// never runs code older than the sources.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshBuild } from "./built-cli.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
let entry = freshBuild(repo);
if (!entry) {
  const { register } = await import("tsx/esm/api");
  register();
  try {
    const { buildCli } = await import("../cli/build/build-cli.ts");
    entry = await buildCli(repo);
  } catch {
    // The sources below still run; a source error shows there with its file and line.
    entry = null;
  }
}
await import(entry ? pathToFileURL(entry).href : "../cli/main.ts");
