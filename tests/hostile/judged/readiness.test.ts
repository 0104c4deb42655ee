// A node that does not come back after a restart fails its scenario as "node readiness",
// quoting its log: the TypeScript reference, edited to refuse any start that finds a marker
// of an earlier one in DATA_DIR (a restart within a scenario keeps DATA_DIR; the reset
// before each scenario empties it). Judged end to end through the CLI, on leader_election,
// which kills the leader and starts it again.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import { referenceDirOf } from "../../../problems/paths.ts";
import type { ScenarioResult } from "../../../shared/domain/result.ts";
import { tail } from "../../integration/judge/run-cli.ts";

const BIN = fileURLToPath(new URL("../../../bin/clusterjudge.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "cj-hostile-readiness-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each edit's text, which must occur once in main.ts, and what replaces it. */
const EDITS: [string, string][] = [
  [
    'import { mkdirSync } from "node:fs";',
    'import { existsSync, mkdirSync, writeFileSync } from "node:fs";',
  ],
  [
    "mkdirSync(dataDir, { recursive: true });\n",
    [
      "mkdirSync(dataDir, { recursive: true });",
      "if (existsSync(`${dataDir}/started-once`)) {",
      '  console.log("refusing to start: DATA_DIR holds a marker of an earlier start");',
      "  process.exit(1);",
      "}",
      'writeFileSync(`${dataDir}/started-once`, "");',
      "",
    ].join("\n"),
  ],
];

test(
  "a node that refuses its restart fails the scenario as node readiness, with its log",
  { timeout: 6 * 60_000 },
  async () => {
    const dir = join(work, "submission");
    cpSync(referenceDirOf("raft", "typescript"), dir, { recursive: true });
    const main = join(dir, "main.ts");
    let text = readFileSync(main, "utf8");
    for (const [find, replace] of EDITS) {
      assert.equal(text.split(find).length, 2, `${find} occurs once`);
      text = text.replace(find, () => replace);
    }
    writeFileSync(main, text);

    const home = join(work, "home");
    const args = ["judge", "--json", "--problem", "raft", "--language", "typescript"];
    const child = spawn(
      process.execPath,
      [BIN, ...args, "--scenario", "leader_election", "--seed", "1", dir],
      { env: { ...process.env, CLUSTERJUDGE_HOME: home }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "null") as {
      status: string;
      reportPath: string;
    } | null;
    assert.equal(summary?.status, "completed", tail(stderr));
    const report = JSON.parse(readFileSync(summary.reportPath, "utf8")) as {
      results: ScenarioResult[];
    };
    const result = report.results[0];
    assert.equal(result?.verdict, "fail", tail(stderr));
    assert.match(
      result.reason,
      /^node readiness: (node-\d) was not running after the heal and the recovery wait: \1 exited with code 1$/,
    );
    assert.ok(
      result.excerpt?.includes("refusing to start: DATA_DIR holds a marker of an earlier start"),
      JSON.stringify(result.excerpt),
    );
    assert.equal(status, 1, "a failed scenario is the submission's failure, not the judge's");
  },
);
