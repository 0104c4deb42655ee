import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
import {
  builder,
  failed,
  protoPath,
  removeSubmissions,
  submission,
} from "../../../tests/unit/toolchains/fixtures.ts";

afterAll(removeSubmissions);

const build = builder("typescript");

const goodMain = `
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";
import { greeting } from "./lib/greeting.ts";

const definition = protoLoader.loadSync(join(__dirname, "raft.proto"), { keepCase: true });
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  raft: { ConsensusNode: grpc.ServiceClientConstructor };
};
console.log(greeting, Object.keys(pkg.raft.ConsensusNode.service).join(","));
`;

test("a good TypeScript submission is bundled with the proto beside it, and runs", async () => {
  const out = await build({
    "main.ts": goodMain,
    "lib/greeting.ts": 'export const greeting: string = "hello";\n',
  });
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(out.command.argv, [process.execPath, "node.cjs"]);
  assert.ok(existsSync(join(out.outDir, "raft.proto")));
  const [program, ...args] = out.command.argv as [string, ...string[]];
  const run = spawnSync(program, args, { cwd: out.command.cwd, encoding: "utf8" });
  assert.equal(run.stdout.trim(), "hello RequestVote,AppendEntries,ClientRequest", run.stderr);
});

test("a submission's own ways of importing still build: folders, no extension, .mts, a link within, Node's modules, package types", async () => {
  const files = submission({
    "main.ts": [
      'import type { ServiceError } from "@grpc/grpc-js";',
      'import { join } from "node:path";',
      'import { EventEmitter } from "events";',
      'import { a } from "./lib";',
      'import { b } from "./lib/b";',
      'import { c } from "./c.mts";',
      'import { d } from "./alias.ts";',
      "const e: ServiceError | null = null;",
      'console.log(a, b, c, d, e, join("x", "y"), typeof EventEmitter);',
      "",
    ].join("\n"),
    "lib/index.ts": 'export const a = "a";\n',
    "lib/b.ts": 'export const b = "b";\n',
    "c.mts": 'export const c = "c";\n',
    "lib/d.ts": 'export const d = "d";\n',
  });
  symlinkSync("lib/d.ts", join(files.srcDir, "alias.ts"));
  const out = await buildSubmission({
    language: "typescript",
    problem: "raft",
    protoPath,
    ...files,
  });
  assert.ok(out.ok, JSON.stringify(out));
  const [program, ...args] = out.command.argv as [string, ...string[]];
  const run = spawnSync(program, args, { cwd: out.command.cwd, encoding: "utf8" });
  assert.equal(run.stdout.trim(), "a b c d null x/y function", run.stderr);
});

test("a syntax error is reported with its file, line and column", async () => {
  const diagnostics = failed(
    await build({
      "main.ts": 'import { f } from "./util.ts";\nf();\n',
      "util.ts": "export function f() {\n  return (1 + ;\n}\n",
    }),
  );
  assert.equal(diagnostics.length, 1);
  assert.deepEqual([diagnostics[0]?.file, diagnostics[0]?.line], ["util.ts", 2]);
  assert.equal(typeof diagnostics[0]?.column, "number");
});

test("a type error is reported with its file and line", async () => {
  const diagnostics = failed(
    await build({ "main.ts": "const n: number = 1;\nconst s: string = n;\nconsole.log(s);\n" }),
  );
  assert.deepEqual([diagnostics[0]?.file, diagnostics[0]?.line], ["main.ts", 2]);
  assert.match(diagnostics[0]?.message ?? "", /not assignable to type 'string'/);
});

test("imports of missing packages or of files outside the folder are reported", async () => {
  const diagnostics = failed(
    await build({
      "main.ts":
        'import pad from "left-pad";\nimport x from "../secret.ts";\nconsole.log(pad, x);\n',
    }),
  );
  const found = diagnostics.map((d) => [d.file, d.line, d.message.split(" ")[0]]);
  assert.deepEqual(found, [
    ["main.ts", 1, '"left-pad"'],
    ["main.ts", 2, '"../secret.ts"'],
  ]);
});

test("a submission without main.ts is refused with a clear diagnostic", async () => {
  const diagnostics = failed(await build({ "index.ts": "console.log(1);\n" }));
  assert.equal(diagnostics[0]?.file, "main.ts");
  assert.match(diagnostics[0]?.message ?? "", /entry point main\.ts is missing/);
});
