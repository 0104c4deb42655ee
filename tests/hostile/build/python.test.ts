// The Python check survives any source: deep nesting and huge literals are build errors with
// the file and, where Python or the source says, the line; never an exception that the
// pipeline would retry as a fault of the platform. Its time and memory are bounded.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { afterAll, test } from "vitest";
import { buildPython } from "../../../languages/python/toolchain/build.ts";
import { pythonCheckBounds } from "../../../languages/python/toolchain/limits.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import { hostile, protoPath, refused, removeHostile } from "./fixtures.ts";

afterAll(removeHostile);

const build = (files: Record<string, string>, bounds: BuildBounds = pythonCheckBounds) => {
  const h = hostile(files);
  return buildPython(
    { language: "python", problem: "raft", protoPath, srcDir: h.srcDir, outDir: h.outDir },
    bounds,
  );
};

const memory =
  "compiling this file needed more than 512 MiB of memory (the memory bound of the Python check), or nests too deeply for Python's parser: shorten or split the long expression on this line";
const tooDeep =
  "too deeply nested for Python's compiler (maximum recursion depth exceeded): split the long expression on this line";

test("100k nested parentheses and lists are a SyntaxError at their line", async () => {
  const parens = `x = ${"(".repeat(100_000)}1${")".repeat(100_000)}\n`;
  const lists = `y = ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
  assert.deepEqual(
    refused(await build({ "main.py": "import os\n", "a.py": parens, "b.py": `\n${lists}` })),
    [
      ["a.py", 1, "SyntaxError: too many nested parentheses"],
      ["b.py", 2, "SyntaxError: too many nested parentheses"],
    ],
  );
});

test("100k prefix operators overflow Python's parser: the memory-or-nesting error at their line", async () => {
  const source = `import os\n\nx = ${"-".repeat(100_000)}1\n`;
  assert.deepEqual(refused(await build({ "main.py": source })), [["main.py", 3, memory]]);
});

test("a million-term expression exceeds the compiler's recursion: the nesting error at its line", async () => {
  const source = `import os\nx = ${Array(1_000_000).fill("1").join("+")}\n`;
  assert.deepEqual(refused(await build({ "main.py": source })), [["main.py", 2, tooDeep]]);
});

test("a 5-million-digit integer literal is Python's own SyntaxError", async () => {
  const [d] = refused(await build({ "main.py": `x = ${"9".repeat(5_000_000)}\n` }));
  assert.deepEqual(d?.slice(0, 2), ["main.py", 1]);
  assert.match(
    d?.[2] ?? "",
    /^SyntaxError: Exceeds the limit \(4300 digits\) for integer string conversion/,
  );
});

test("a 10 MB list literal, gigabytes to compile, stops at the memory bound", async () => {
  const source = `import os\nx = [${"0,".repeat(5_000_000)}]\n`;
  assert.deepEqual(refused(await build({ "main.py": source })), [["main.py", 2, memory]]);
});

test("a check still running at the time bound is the file's error, naming the bound", async () => {
  // With room for gigabytes, this literal takes CPython most of a minute: the bound comes first.
  const source = `x = [${"0,".repeat(5_000_000)}]\n`;
  const bounds = { timeMs: 10_000, memoryMiB: 8192 };
  assert.deepEqual(refused(await build({ "main.py": source }, bounds)), [
    [
      "main.py",
      null,
      "checking this file did not finish within 10 s (the time bound of the Python check): shorten or split its long expressions",
    ],
  ]);
});

test("the check runs nothing of the submission's: modules named like the checker's own are not imported", async () => {
  // Each would leave a file beside the submission if the checker (python3 -I) imported it.
  const trap = (name: string) =>
    `import pathlib\npathlib.Path(__file__).resolve().parent.parent.joinpath("ran-${name}").write_text("ran")\n`;
  const names = ["ast", "json", "os", "resource", "sys", "encodings", "sitecustomize"];
  const h = hostile({
    "main.py": "import json\n",
    ...Object.fromEntries(names.map((n) => [`${n}.py`, trap(n)])),
  });
  const out = await buildPython({
    language: "python",
    problem: "raft",
    protoPath,
    srcDir: h.srcDir,
    outDir: h.outDir,
  });
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(
    readdirSync(h.root).filter((f) => f.startsWith("ran-")),
    [],
  );
});
