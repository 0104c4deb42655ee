// runTool: a tool gets none of the judge's environment, its output is bounded, and a timeout
// is reported to the caller (who knows whose fault it is) instead of thrown.
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { test } from "vitest";
import { runTool } from "../../../shared/toolchains/run-tool.ts";
import { toolOutputMaxBytes } from "../../../shared/toolchains/limits.ts";
import { ToolchainError } from "../../../shared/toolchains/index.ts";

const node = (code: string) => [process.execPath, "-e", code];

test("a tool sees PATH and LANG only, and reads its input from stdin", async () => {
  process.env["CLUSTERJUDGE_TEST_SECRET"] = "judge-only";
  try {
    const code =
      "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.stringify({keys:Object.keys(process.env).sort(),s})))";
    const result = await runTool(node(code), tmpdir(), { input: "job" });
    assert.deepEqual(JSON.parse(result.stdout), { keys: ["LANG", "PATH"], s: "job" });
  } finally {
    delete process.env["CLUSTERJUDGE_TEST_SECRET"];
  }
});

test("a tool still running at its time limit is killed and reported as timed out", async () => {
  const result = await runTool(
    node("console.error('started');setInterval(()=>{},1000)"),
    tmpdir(),
    { timeoutMs: 5000 },
  );
  assert.equal(result.timedOut, true);
  assert.equal(result.signal, "SIGKILL");
  assert.equal(result.stderr, "started\n");
});

test("a flood of output is cut: the head of stdout and the tail of stderr are kept", async () => {
  const code = `process.stdout.write('a'.repeat(${3 * toolOutputMaxBytes}));process.stderr.write('b'.repeat(${3 * toolOutputMaxBytes})+'end')`;
  const result = await runTool(node(code), tmpdir());
  assert.equal(result.stdout.length, toolOutputMaxBytes);
  assert.equal(result.stderr.length, toolOutputMaxBytes);
  assert.ok(result.stderr.endsWith("end"));
  assert.equal(result.timedOut, false);
  assert.equal(result.code, 0);
});

test("a tool that cannot start is the platform's fault", async () => {
  await assert.rejects(runTool(["/nonexistent/tool"], tmpdir()), ToolchainError);
});
