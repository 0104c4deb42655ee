// A TypeScript build survives code that would exhaust a parser's stack, and types that would
// exhaust the type checker's memory or time: each is a build error naming the file and what
// ran out, from a worker process the judge outlives. Bombs that run until stopped are given
// bounds they hit for certain (a short time, or a long time and the real heap bound), so the
// result does not depend on the machine's speed.
import assert from "node:assert/strict";
import { afterAll, test } from "vitest";
import { typeScriptBuildBounds } from "../../../languages/typescript/toolchain/limits.ts";
import { buildTypeScript } from "../../../languages/typescript/toolchain/build.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import { hostile, protoPath, refused, removeHostile } from "./fixtures.ts";

afterAll(removeHostile);

const build = (main: string, bounds: BuildBounds = typeScriptBuildBounds) => {
  const h = hostile({ "main.ts": main });
  return buildTypeScript(
    { language: "typescript", problem: "raft", protoPath, srcDir: h.srcDir, outDir: h.outDir },
    bounds,
  );
};

/** Tuples of 1000 distinct lengths over 4096: each length is a new tuple type of its own. */
function tupleBomb(): string {
  const lines = ["type L0 = [0];"];
  for (let k = 1; k <= 12; k++) lines.push(`type L${k} = [...L${k - 1}, ...L${k - 1}];`);
  for (let i = 1; i < 1000; i++) {
    const parts = [
      "...L12",
      ...[...Array(12).keys()].filter((b) => (i >> b) & 1).map((b) => `...L${b}`),
    ];
    lines.push(
      `type T${i} = [${parts.join(", ")}];`,
      `export const x${i}: T${i}["length"] = ${4096 + i};`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** 59049 literals compared with 2000 template patterns, thirty times: minutes of checking. */
function comparisonBomb(): string {
  const patterns = [...Array(2000).keys()].map((i) => `\`b\${number}z${i}\``).join(" | ");
  const lines = [
    'type D = "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";',
    "type N = `a${D}${D}${D}${D}${D}`;",
    `type P = ${patterns};`,
    "declare const n: N;",
  ];
  for (let i = 0; i < 30; i++)
    lines.push(`export const p${i}: P | \`c\${number}q${i}\` | \`a\${number}\` = n;`);
  return `${lines.join("\n")}\n`;
}

test("types that grow without end stop at the heap bound: a build error naming the memory bound", async () => {
  const bounds = { timeMs: 5 * 60_000, memoryMiB: typeScriptBuildBounds.memoryMiB };
  assert.deepEqual(refused(await build(tupleBomb(), bounds)), [
    [
      "main.ts",
      null,
      "the type check needed more than 512 MiB of memory (the memory bound of a TypeScript build): look for a recursive or exploding type in this file",
    ],
  ]);
});

test("types that take minutes to compare stop at the time bound: a build error naming the time bound", async () => {
  const bounds = { timeMs: 20_000, memoryMiB: 4096 };
  assert.deepEqual(refused(await build(comparisonBomb(), bounds)), [
    [
      "main.ts",
      null,
      "the type check did not finish within 20 s (the time bound of a TypeScript build): look for a recursive or exploding type in this file",
    ],
  ]);
});

test("100k nested parentheses are a parse error at their line, not a crash of the build", async () => {
  const deep = `export const x = ${"(".repeat(100_000)}1${")".repeat(100_000)};`;
  assert.deepEqual(refused(await build(`console.log(1);\n${deep}\n`)), [
    [
      "main.ts",
      2,
      "too deeply nested for the TypeScript parser (its stack ran out): split the long expression or type on this line",
    ],
  ]);
});

test("a million prefix operators, on which esbuild's own process dies, are syntax errors from TypeScript first", async () => {
  const diagnostics = refused(await build(`export const x = ${"-".repeat(1_000_000)}1;\n`));
  assert.deepEqual(diagnostics[0], ["main.ts", 1, "Expression expected."]);
  assert.equal(diagnostics.length, 50, "capped at diagnosticsMax");
});
