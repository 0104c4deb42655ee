import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { builder, failed, removeSubmissions } from "../../../tests/unit/toolchains/fixtures.ts";

afterAll(removeSubmissions);

const build = builder("python");

test("a good Python submission gets fresh stubs beside main.py and a command", async () => {
  const out = await build({
    "main.py": [
      "import os, sys",
      "import grpc",
      "from google.protobuf import json_format",
      "import raft_pb2, raft_pb2_grpc",
      "from lib.store import VALUE",
      "print(raft_pb2.ClientRequest(key=VALUE).key, hasattr(raft_pb2_grpc, 'ConsensusNodeServicer'))",
    ].join("\n"),
    "lib/__init__.py": "",
    "lib/store.py": "from . import helpers\nVALUE = 'stored'\n",
    "lib/helpers.py": "",
    "raft_pb2.py": "# a stale copy the learner uploaded\n",
  });
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(out.command.argv, ["/usr/bin/python3", "-u", "main.py"]);
  assert.equal(out.command.cwd, out.outDir);
  assert.ok(existsSync(join(out.outDir, "raft_pb2_grpc.py")));
  assert.doesNotMatch(readFileSync(join(out.outDir, "raft_pb2.py"), "utf8"), /stale copy/);
  const [program, ...args] = out.command.argv as [string, ...string[]];
  const run = spawnSync(program, args, { cwd: out.command.cwd, encoding: "utf8" });
  assert.equal(run.stdout.trim(), "stored True", run.stderr);
});

test("a syntax error is reported with its file and line", async () => {
  const diagnostics = failed(
    await build({ "main.py": "import util\n", "util.py": "x = 1\n\ndef broken(:\n    pass\n" }),
  );
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]?.file, "util.py");
  assert.equal(diagnostics[0]?.line, 3);
  assert.match(diagnostics[0]?.message ?? "", /SyntaxError/);
});

test("imports of packages the platform lacks are reported with module and line", async () => {
  const diagnostics = failed(
    await build({
      "main.py":
        "import grpc\nimport requests\nimport os\nfrom numpy import array\nimport google.cloud\n",
    }),
  );
  const found = diagnostics.map((d) => [d.file, d.line, /'([\w.]+)'/.exec(d.message)?.[1]]);
  assert.deepEqual(found, [
    ["main.py", 2, "requests"],
    ["main.py", 4, "numpy"],
    ["main.py", 5, "google.cloud"],
  ]);
});

test("a submission without main.py is refused with a clear diagnostic", async () => {
  const diagnostics = failed(await build({ "node.py": "print('hi')\n" }));
  assert.equal(diagnostics[0]?.file, "main.py");
  assert.match(diagnostics[0]?.message ?? "", /entry point main\.py is missing/);
});
