import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { afterAll, test } from "vitest";
import { builder, failed, removeSubmissions } from "../../../tests/unit/toolchains/fixtures.ts";

afterAll(removeSubmissions);

const build = builder("java");

test("a good Java submission compiles against the stubs and grpc-java, and its command runs", async () => {
  const out = await build({
    "Main.java": [
      "import com.google.common.base.Joiner;",
      "import com.google.protobuf.ByteString;",
      "import io.grpc.Status;",
      "import lib.Store;",
      "import raft.ConsensusNodeGrpc;",
      "import raft.Raft.ClientRequest;",
      "public class Main {",
      "  public static void main(String[] args) {",
      "    ClientRequest req = ClientRequest.newBuilder().setKey(Store.VALUE).build();",
      "    System.out.println(Joiner.on(' ').join(req.getKey(), Status.UNIMPLEMENTED.getCode(),",
      '        ConsensusNodeGrpc.SERVICE_NAME, ByteString.copyFromUtf8("x").size()));',
      "  }",
      "}",
    ].join("\n"),
    "lib/Store.java":
      'package lib;\npublic final class Store { public static final String VALUE = "stored"; }\n',
  });
  assert.ok(out.ok, JSON.stringify(out));
  assert.equal(out.command.argv[0], "/usr/bin/java");
  assert.equal(out.command.argv.at(-1), "Main");
  assert.equal(out.command.cwd, out.outDir);
  const [program, ...args] = out.command.argv as [string, ...string[]];
  const run = spawnSync(program, args, { cwd: out.command.cwd, encoding: "utf8" });
  assert.equal(run.stdout.trim(), "stored UNIMPLEMENTED raft.ConsensusNode 1", run.stderr);
  // -Xshare:on refuses to start when the class data sharing archive cannot be mapped.
  const shared = spawnSync(program, ["-Xshare:on", ...args], { cwd: out.outDir, encoding: "utf8" });
  assert.equal(shared.stdout.trim(), "stored UNIMPLEMENTED raft.ConsensusNode 1", shared.stderr);
  const again = await build({
    "Main.java": "public class Main { public static void main(String[] a) {} }\n",
  });
  assert.ok(again.ok, JSON.stringify(again));
  assert.ok(
    again.log.some((l) => l.startsWith("reused the stubs")),
    again.log.join("\n"),
  );
  assert.ok(
    again.log.some((l) => l.startsWith("reused the JVM's class data sharing archive")),
    again.log.join("\n"),
  );
});

test("javac's errors come back with file, line and column; unavailable packages say what is", async () => {
  const diagnostics = failed(
    await build({
      "Main.java": "import org.apache.commons.lang3.StringUtils;\npublic class Main {}\n",
      "lib/Util.java": 'package lib;\nclass Util {\n  int x = "text";\n}\n',
    }),
  );
  const found = diagnostics.map((d) => [d.file, d.line, d.column]);
  assert.deepEqual(found, [
    ["Main.java", 1, 32],
    ["lib/Util.java", 3, 11],
  ]);
  assert.match(
    diagnostics[0]?.message ?? "",
    /package org\.apache\.commons\.lang3 is not available/,
  );
  assert.match(diagnostics[0]?.message ?? "", /io\.grpc/);
  assert.match(diagnostics[1]?.message ?? "", /incompatible types/);
});

test("Main.java must be there, and declare Main in the default package", async () => {
  const missing = failed(await build({ "Node.java": "public class Node {}\n" }));
  assert.equal(missing[0]?.file, "Main.java");
  assert.match(missing[0]?.message ?? "", /entry point Main\.java is missing/);
  const packaged = failed(await build({ "Main.java": "package app;\npublic class Main {}\n" }));
  assert.equal(packaged[0]?.file, "Main.java");
  assert.match(packaged[0]?.message ?? "", /default package/);
});
