// A stray error while a scenario runs becomes that scenario's error and the process lives
// on (harness/guard.ts); control characters from a submission never reach a terminal raw.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "vitest";
import { fileURLToPath } from "node:url";
import { printable } from "../../../shared/pipeline/printable.ts";

const guardModule = fileURLToPath(new URL("../../../harness/guard.ts", import.meta.url));

test("stray rejections and exceptions are kept, and the process goes on", () => {
  // In a child process: the test runner reports stray errors of its own process.
  const script = `
    import { guardScenario } from ${JSON.stringify(guardModule)};
    const guard = guardScenario();
    Promise.reject(new Error("a rejection nobody handled"));
    setTimeout(() => { throw new Error("thrown from a callback"); }, 5);
    setTimeout(() => {
      guard.release();
      console.log(JSON.stringify(guard.errors.map((e) => e.message)));
    }, 50);
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
  assert.equal(run.status, 0, run.stderr.toString());
  assert.deepEqual(JSON.parse(run.stdout.toString()), [
    "a rejection nobody handled",
    "thrown from a callback",
  ]);
});

test("control characters are escaped for the terminal; tabs, newlines and text stay", () => {
  assert.equal(printable("node-2 \u001b[2Jcleared\u0007"), "node-2 \\x1b[2Jcleared\\x07");
  assert.equal(printable("tab\there\nok é"), "tab\there\nok é");
});
