// What the TypeScript build makes of its worker's end: diagnostics as given; a bound hit on
// the file it was at, naming the bound; only a worker failing on its own is a ToolchainError.
import assert from "node:assert/strict";
import { test } from "vitest";
import { readWorkerResult } from "../toolchain/worker-result.ts";
import type { ToolResult } from "../../../shared/toolchains/run-tool.ts";
import { ToolchainError } from "../../../shared/toolchains/index.ts";

const bounds = { timeMs: 60_000, memoryMiB: 512 };
const ended = (lines: object[], rest: Partial<ToolResult> = {}): ToolResult => ({
  code: 0,
  signal: null,
  timedOut: false,
  stdout: lines.map((l) => `${JSON.stringify(l)}\n`).join(""),
  stderr: "",
  ...rest,
});
const progress = [
  { phase: "bundle" },
  { phase: "bundle", file: "main.ts" },
  { phase: "typecheck" },
  { phase: "typecheck", file: "lib/types.ts" },
];

test("the worker's diagnostics are the build's", () => {
  const d = {
    file: "main.ts",
    line: 2,
    column: 5,
    message: "Type 'number' is not assignable to type 'string'.",
  };
  assert.deepEqual(readWorkerResult(ended([...progress, { diagnostics: [d] }]), bounds), [d]);
});

test("stopped at the time bound: the step and file it was at, and the bound", () => {
  const result = ended(progress, {
    timedOut: true,
    signal: "SIGKILL",
    code: null,
    stdout: ended(progress).stdout + '{"phase":"typ',
  });
  assert.deepEqual(readWorkerResult(result, bounds), [
    {
      file: "lib/types.ts",
      line: null,
      column: null,
      message:
        "the type check did not finish within 60 s (the time bound of a TypeScript build): look for a recursive or exploding type in this file",
    },
  ]);
});

test("V8's heap limit: the memory bound; before any file, the folder", () => {
  const stderr =
    "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory";
  const result = ended([{ phase: "bundle" }], { signal: "SIGABRT", code: null, stderr });
  assert.deepEqual(readWorkerResult(result, bounds), [
    {
      file: ".",
      line: null,
      column: null,
      message:
        "bundling needed more than 512 MiB of memory (the memory bound of a TypeScript build): this file is too large or too deeply nested",
    },
  ]);
});

test("killed by another signal: a crash on that file", () => {
  const [d] = readWorkerResult(ended(progress, { signal: "SIGSEGV", code: null }), bounds);
  assert.equal(d?.file, "lib/types.ts");
  assert.match(d?.message ?? "", /^the type check crashed \(SIGSEGV\) on this file/);
});

test("a worker that failed on its own is the platform's fault", () => {
  const result = ended([{ phase: "bundle" }, { fault: "TypeError: x is not a function" }], {
    code: 1,
  });
  assert.throws(
    () => readWorkerResult(result, bounds),
    (err: unknown) => err instanceof ToolchainError && /x is not a function/.test(err.message),
  );
  assert.throws(
    () => readWorkerResult(ended([], { code: 1, stderr: "SyntaxError: bad job" }), bounds),
    /bad job/,
  );
});
