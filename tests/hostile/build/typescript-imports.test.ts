// A TypeScript build reads only the submission: each way of naming a host file in an import
// is a build error at its line, and nothing of the file reaches the bundle or a message.
// "Secret" files sit beside the submission, where the host's files and other runs are.
import assert from "node:assert/strict";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative } from "node:path";
import { afterAll, test } from "vitest";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
import {
  assertNoLeak,
  hostile,
  protoPath,
  refused,
  removeHostile,
  writeFiles,
  type Hostile,
} from "./fixtures.ts";

afterAll(removeHostile);

const build = (h: Hostile) =>
  buildSubmission({
    language: "typescript",
    problem: "raft",
    protoPath,
    srcDir: h.srcDir,
    outDir: h.outDir,
  });

const outside = (spec: string) =>
  `"${spec}" is outside your submission's folder: a build reads only your folder`;
const throughLink = (spec: string) =>
  `"${spec}" leads outside your submission's folder through a symbolic link: a build reads only your folder`;
const notTypeScript = (spec: string) =>
  `"${spec}" is not a .ts file: a submission imports only its own .ts files (no text, JSON or binary files)`;
const attributes = (spec: string) =>
  `"${spec}" has import attributes (with { ... }): they are refused, as they would embed files in the bundle; import your .ts files, Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader`;
const packagePath = (spec: string) =>
  `"${spec}" is a path inside a package: import "@grpc/grpc-js" or "@grpc/proto-loader" by its exact name`;

/** "@grpc/grpc-js/../../<...>/secret.txt": the issue's `@grpc/grpc-js/../../../../etc/shadow`, aimed at this test's secret. */
const grpcFolder = realpathSync(
  dirname(createRequire(import.meta.url).resolve("@grpc/grpc-js/package.json")),
);
const throughPackage = (h: Hostile) => `@grpc/grpc-js/${relative(grpcFolder, h.secretTxt)}`;

test("a package path climbing out with a text attribute (the issue's /etc/shadow import) is refused", async () => {
  const h = hostile({});
  const spec = throughPackage(h);
  writeFiles(h, {
    // The ts-ignore comment silences the type check: before, this built, with the secret in node.cjs.
    "main.ts": `// @ts-ignore\nimport secret from "${spec}" with { type: "text" };\nconsole.log(secret);\n`,
  });
  const out = await build(h);
  assert.deepEqual(refused(out), [["main.ts", 2, attributes(spec)]]);
  assertNoLeak(h, out);
});

test("a package path climbing out, imported or required, is refused at each line", async () => {
  const h = hostile({});
  const spec = throughPackage(h);
  writeFiles(h, {
    "main.ts": `// @ts-ignore\nimport secret from "${spec}";\nconst again = require("${spec}");\nconsole.log(secret, again);\n`,
  });
  const out = await build(h);
  assert.deepEqual(refused(out), [
    ["main.ts", 2, packagePath(spec)],
    ["main.ts", 3, packagePath(spec)],
  ]);
  assertNoLeak(h, out);
});

test("relative and absolute paths out of the folder are refused: import, require of a path, dynamic import", async () => {
  const h = hostile({});
  writeFiles(h, {
    "main.ts": [
      'import text from "../secret.txt";',
      `const code = require("${h.secretTs}");`,
      'const later = import("../secret.ts");',
      `const raw = require("${h.secretTxt}");`,
      "console.log(text, code, later, raw);",
      "",
    ].join("\n"),
  });
  const out = await build(h);
  assert.deepEqual(refused(out), [
    ["main.ts", 1, outside("../secret.txt")],
    ["main.ts", 2, outside(h.secretTs)],
    ["main.ts", 3, outside("../secret.ts")],
    ["main.ts", 4, outside(h.secretTxt)],
  ]);
  assertNoLeak(h, out);
});

test("a symbolic link in the folder, to a file or a folder outside, is refused", async () => {
  const h = hostile(
    {
      "main.ts":
        'import { secret } from "./notes.ts";\nimport { secret as again } from "./up/secret.ts";\nconsole.log(secret, again);\n',
    },
    { "notes.ts": "../secret.ts", up: ".." },
  );
  const out = await build(h);
  assert.deepEqual(refused(out), [
    ["main.ts", 1, throughLink("./notes.ts")],
    ["main.ts", 2, throughLink("./up/secret.ts")],
  ]);
  assertNoLeak(h, out);
});

test("import attributes and files a loader would embed (text, JSON) are refused, even inside the folder", async () => {
  const h = hostile({
    "main.ts": [
      'import a from "./notes.txt" with { type: "text" };',
      'import b from "./notes.txt";',
      'import c from "./config.json";',
      'import d from "./lib.ts" with { type: "json" };',
      "console.log(a, b, c, d);",
      "",
    ].join("\n"),
    "notes.txt": "notes\n",
    "config.json": "{}\n",
    "lib.ts": "export default 1;\n",
  });
  const out = await build(h);
  assert.deepEqual(refused(out), [
    ["main.ts", 1, attributes("./notes.txt")],
    ["main.ts", 2, notTypeScript("./notes.txt")],
    ["main.ts", 3, notTypeScript("./config.json")],
    ["main.ts", 4, attributes("./lib.ts")],
  ]);
});

test("type-only references out of the folder, which esbuild never sees, are refused before the type check reads them", async () => {
  const h = hostile({
    "main.ts": [
      '/// <reference path="../secret.ts" />',
      '/// <reference types="left-pad" />',
      'import type { Secret } from "../secret.ts";',
      'type Again = typeof import("../secret.ts");',
      'const guess: Secret = "nothing";',
      "const again: Again | null = null;",
      "console.log(guess, again);",
      "",
    ].join("\n"),
  });
  const out = await build(h);
  assert.deepEqual(refused(out), [
    ["main.ts", 1, outside("../secret.ts")],
    [
      "main.ts",
      2,
      'types "left-pad" are not available: only Node\'s ("node") are, and the allowed packages bring their own',
    ],
    ["main.ts", 3, outside("../secret.ts")],
    ["main.ts", 4, outside("../secret.ts")],
  ]);
  // Before, the type error quoted the secret: Type '"nothing"' is not assignable to type '"clusterjudge-secret-..."'.
  assertNoLeak(h, out);
});

test("a main.ts that is a symbolic link out of the folder is no entry point", async () => {
  const h = hostile({}, { "main.ts": "../secret.ts" });
  const out = await build(h);
  assert.deepEqual(refused(out), [
    [
      "main.ts",
      null,
      "the entry point main.ts is missing (or not a regular file): the node is bundled from main.ts in your folder's top level",
    ],
  ]);
  assertNoLeak(h, out);
});
