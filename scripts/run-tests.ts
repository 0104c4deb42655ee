// Finds every *.test.ts under tests/ and problems/ (or under the folders given) and runs them with
// node's test runner. Node 20's --test does not expand globs, hence this script.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : findTests(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}

const roots = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const flags = process.argv.slice(2).filter((a) => a.startsWith("-"));
const files = (roots.length ? roots : ["tests", "problems"])
  .flatMap((r) => (statSync(r).isDirectory() ? findTests(r) : [r]))
  .sort();
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", ...flags, ...files],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
