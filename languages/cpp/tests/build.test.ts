// The C++ toolchain on small Raft submissions: g++'s errors come back on the learner's file
// and line (a template error in a standard header too), an #include the platform cannot
// provide is refused naming what can be, a link error names its file, and a good submission
// with a file of its own in a folder links and runs. A file g++ cannot compile within the
// bounds (here made tiny) is that file's diagnostic.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { afterAll, test } from "vitest";
import {
  builder,
  failed,
  protoPath,
  removeSubmissions,
  submission,
} from "../../../tests/unit/toolchains/fixtures.ts";
import { buildCpp } from "../toolchain/build.ts";
import { cppCompileMessages } from "../toolchain/compile-file.ts";

afterAll(removeSubmissions);

const build = builder("cpp");
/** The first build compiles raft.proto's stubs when no earlier build left them. */
const timeout = { timeout: 10 * 60_000 };

test("a good submission links with the stubs and its own files, and runs", timeout, async () => {
  const out = await build({
    "main.cc": [
      '#include "raft.pb.h"',
      '#include "lib/store.h"',
      "#include <iostream>",
      "int main() {",
      "  raft::ClientRequest req;",
      "  req.set_key(StoredValue());",
      "  std::cout << req.key() << std::endl;",
      "}",
    ].join("\n"),
    "lib/store.h": "#pragma once\n#include <string>\nstd::string StoredValue();\n",
    "lib/store.cc": '#include "lib/store.h"\nstd::string StoredValue() { return "stored"; }\n',
    "raft.pb.h": "// a stale copy the learner uploaded\n",
  });
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(out.command.argv, ["./main"]);
  assert.ok(out.log.includes("replaced your raft.pb.h with the generated one"), out.log.join("\n"));
  const run = spawnSync("./main", { cwd: out.command.cwd, encoding: "utf8" });
  assert.equal(run.stdout.trim(), "stored", run.stderr);
});

test("a compile error comes back with its file, line and column", timeout, async () => {
  const diagnostics = failed(
    await build({
      "main.cc": '#include "util.h"\nint main() { return Twice(2); }\n',
      "util.h": "int Twice(int x);\n",
      "util.cc": '#include "util.h"\n\nint Twice(int x) { return x * "two"; }\n',
    }),
  );
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  assert.deepEqual([diagnostics[0]?.file, diagnostics[0]?.line], ["util.cc", 3]);
  assert.match(diagnostics[0]?.message ?? "", /^error: invalid operands/);
});

test(
  "an error inside a standard header is placed where the learner's code needs it",
  timeout,
  async () => {
    const diagnostics = failed(
      await build({
        "main.cc":
          "#include <map>\nstruct Key {};\nint main() {\n  std::map<Key, int> m;\n  m[Key{}] = 1;\n}\n",
      }),
    );
    assert.deepEqual([diagnostics[0]?.file, diagnostics[0]?.line], ["main.cc", 5]);
    assert.match(diagnostics[0]?.message ?? "", /no match for .operator<.* \(in \/usr\/include\//);
  },
);

test(
  "an #include the platform cannot provide is refused, naming what can be",
  timeout,
  async () => {
    const diagnostics = failed(
      await build({ "main.cc": "#include <vector>\n#include <boost/asio.hpp>\nint main() {}\n" }),
    );
    assert.deepEqual([diagnostics[0]?.file, diagnostics[0]?.line], ["main.cc", 2]);
    assert.match(diagnostics[0]?.message ?? "", /#include of "boost\/asio.hpp" cannot be resolved/);
    assert.match(diagnostics[0]?.message ?? "", /grpcpp.*"raft\.pb\.h" and "raft\.grpc\.pb\.h"/);
  },
);

test("an undefined function is a link error on the file that calls it", timeout, async () => {
  const diagnostics = failed(
    await build({ "main.cc": "int Missing();\nint main() { return Missing(); }\n" }),
  );
  assert.equal(diagnostics[0]?.file, "main.cc");
  assert.match(diagnostics[0]?.message ?? "", /undefined reference to `Missing\(\)'/);
});

test("a submission without main.cc is refused with a clear diagnostic", async () => {
  const diagnostics = failed(await build({ "main.cpp": "int main() {}\n" }));
  assert.equal(diagnostics[0]?.file, "main.cc");
  assert.match(diagnostics[0]?.message ?? "", /entry point main\.cc is missing/);
});

test(
  "a file that makes g++ exceed a compile bound is that file's diagnostic",
  timeout,
  async () => {
    // The bound is the compile's memory cgroup: main.cc needs about 30 MiB, util.cc (<regex>
    // used) about 230 MiB (g++'s peak RSS, measured), so util.cc alone exceeds 96 MiB.
    const tight = { timeMs: 60_000, memoryMiB: 96 };
    const diagnostics = failed(
      await buildCpp(
        {
          language: "cpp",
          problem: "raft",
          protoPath,
          ...submission({
            "main.cc": '#include "util.h"\nint main() { return Twice(1); }\n',
            "util.h": "int Twice(int x);\n",
            "util.cc":
              '#include <regex>\nint Twice(int x) { return 2 * x + std::regex_match("aa", std::regex("a+")); }\n',
          }),
        },
        tight,
      ),
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.message]),
      [["util.cc", cppCompileMessages.bound(tight)]],
    );
  },
);
