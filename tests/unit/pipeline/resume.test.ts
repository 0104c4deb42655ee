// Kill the judge mid-run, start it again: the submission finishes, once. The judge runs in a
// child process (fixtures/run-pipeline.ts) and is SIGKILLed after its second scenario's
// result is stored; a second judge on the same home carries on.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "vitest";
import { LocalStore } from "../../../shared/adapters/local/store/index.ts";
import { judgeHome } from "../../../shared/pipeline/home.ts";
import { waitFor } from "../../contract/wait.ts";
import { PYTHON_NODE } from "./harness.ts";

const SCENARIOS = ["first", "second", "third", "fourth"];
const SCENARIO_MS = 1_500;

function judge(home: string, dir?: string): { child: ChildProcess; output: () => string } {
  const script = new URL("./fixtures/run-pipeline.ts", import.meta.url).pathname;
  const args = [script, home, String(SCENARIO_MS), SCENARIOS.join(","), ...(dir ? [dir] : [])];
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (b) => (out += b));
  return { child, output: () => out };
}

test("a judge killed mid-run is resumed by the next one, and each result is stored once", async () => {
  const root = mkdtempSync(join(tmpdir(), "cj-resume-"));
  const home = judgeHome({ CLUSTERJUDGE_HOME: root });
  const dir = join(root, "submission");
  const store = new LocalStore({ path: home.dbPath, pollMs: 50 });
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, "main.py"), PYTHON_NODE);

    const first = judge(root, dir);
    await waitFor("the submission to be accepted", () => /accepted (\S+)/.test(first.output()));
    const id = /accepted (\S+)/.exec(first.output())![1]!;
    await waitFor(
      "the second scenario's result",
      async () => (await store.listResults(id)).length >= 2,
      60_000,
    );
    const exited = new Promise((r) => first.child.once("exit", r));
    first.child.kill("SIGKILL");
    await exited;
    const atKill = await store.get(id);
    assert.equal(atKill?.status, "testing");

    const second = judge(root);
    const code = await new Promise((r) => second.child.once("exit", r));
    assert.equal(code, 0);
    assert.match(second.output(), new RegExp(`finished ${id} completed`));

    const done = await store.get(id);
    const results = await store.listResults(id);
    assert.deepEqual(
      results.map((r) => r.result.name),
      SCENARIOS,
    );
    assert.equal(done?.cluster?.deploys, 2, "the restarted judge redeployed the lost cluster");
    assert.ok(done?.tornDownAt);
    const runs = SCENARIOS.map(
      (name) =>
        readFileSync(join(home.scenarioDir(id, name), "runs.log"), "utf8")
          .trim()
          .split("\n").length,
    );
    assert.deepEqual(runs.slice(0, 2), [1, 1], "stored scenarios are not run again");
    assert.ok(runs[2]! <= 2 && runs[3] === 1, `runs per scenario: ${runs}`);
  } finally {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
});
