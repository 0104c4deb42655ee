// A Rust submission's mistakes come back as diagnostics on its own files: rustc's errors with
// file, line and column, a crate the platform cannot give named with the ones it can, and the
// manifest and build script of the learner's never used.
import assert from "node:assert/strict";
import { afterAll, test } from "vitest";
import { builder, failed, removeSubmissions } from "../../../tests/unit/toolchains/fixtures.ts";

afterAll(removeSubmissions);

const build = builder("rust");

test("rustc's errors and foreign crates are reported on the submission's files", async () => {
  const out = await build({
    "main.rs": [
      "mod store;",
      "use serde::Serialize;",
      "fn main() {",
      "    let _request = rpc::raft::VoteRequest::default();",
      "    store::keep();",
      "}",
    ].join("\n"),
    "store.rs": 'pub fn keep() {\n    let count: u64 = "many";\n}\n',
    "Cargo.toml": '[package]\nname = "mine"\n[dependencies]\nserde = "1"\n',
    "build.rs": 'fn main() { panic!("a learner\'s build script must never run") }\n',
  });
  const diagnostics = failed(out);
  const found = diagnostics.map((d) => [d.file, d.line, d.column]);
  assert.deepEqual(found, [
    ["main.rs", 2, 5],
    ["store.rs", 2, 22],
  ]);
  assert.match(diagnostics[0]?.message ?? "", /`serde` is not a crate the platform provides/);
  assert.match(diagnostics[0]?.message ?? "", /tokio, prost, bytes, rpc/);
  assert.match(diagnostics[1]?.message ?? "", /mismatched types/);
  assert.ok(out.log.some((l) => /ignored your Cargo\.toml/.test(l)));
  assert.ok(out.log.some((l) => /ignored your build\.rs/.test(l)));
});
