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
import { buildGo } from "../toolchain/build.ts";
import { goCompileMessages } from "../toolchain/limits.ts";

afterAll(removeSubmissions);

const build = builder("go");

test("a good Go submission is compiled with the stubs and its own package into a binary", async () => {
  const out = await build({
    "main.go": [
      "package main",
      "",
      'import (\n\t"fmt"\n\tpb "clusterjudge/pb"\n\t"google.golang.org/grpc/codes"\n\t"node/lib"\n)',
      "",
      "func main() {",
      '\tfmt.Println(lib.Value, (&pb.ClientRequest{Key: "k"}).GetKey(), codes.Unimplemented)',
      "}",
    ].join("\n"),
    "lib/value.go": 'package lib\n\n// Value is "stored".\nconst Value = "stored"\n',
  });
  assert.ok(out.ok, JSON.stringify(out));
  assert.equal(out.command.argv.length, 1);
  assert.equal(out.command.cwd, out.outDir);
  const [program] = out.command.argv as [string];
  const run = spawnSync(program, { encoding: "utf8" });
  assert.equal(run.stdout.trim(), "stored k Unimplemented", run.stderr);
});

test("compiler errors come back with the file relative to the submission, line and column", async () => {
  const diagnostics = failed(
    await build({
      "main.go": 'package main\n\nimport "node/lib"\n\nfunc main() { lib.F() }\n',
      "lib/broken.go": "package lib\n\nfunc F() {\n\tx := 1\n\treturn undefinedName\n}\n",
    }),
  );
  const found = diagnostics.map((d) => [d.file, d.line, d.column]);
  assert.deepEqual(found, [
    ["lib/broken.go", 4, 2],
    ["lib/broken.go", 5, 9],
  ]);
  assert.match(diagnostics[1]?.message ?? "", /undefined: undefinedName/);
});

test("imports the platform cannot provide are refused, with what is available", async () => {
  const diagnostics = failed(
    await build({
      "main.go": [
        "package main",
        "",
        "import (",
        '\t"os"',
        '\t"github.com/gorilla/mux"',
        '\t_ "golang.org/x/net/http2"',
        '\t"google.golang.org/grpc/status"',
        ")",
        "",
        '// import "C" in a comment is no import',
        'import "C"',
        "",
        "func main() { _ = os.Args; _ = mux.NewRouter; _ = status.New }",
      ].join("\n"),
    }),
  );
  const found = diagnostics.map((d) => [
    d.file,
    d.line,
    d.column,
    /"([^"]+)"/.exec(d.message)?.[1],
  ]);
  assert.deepEqual(found, [
    ["main.go", 5, 2, "github.com/gorilla/mux"],
    ["main.go", 6, 4, "golang.org/x/net/http2"],
    ["main.go", 11, 8, "C"],
  ]);
  assert.match(diagnostics[0]?.message ?? "", /google\.golang\.org\/grpc.*clusterjudge\/pb/);
  assert.match(diagnostics[2]?.message ?? "", /CGO_ENABLED=0/);
});

test("a submission without main.go is refused with a clear diagnostic", async () => {
  const diagnostics = failed(await build({ "node.go": "package main\n" }));
  assert.equal(diagnostics[0]?.file, "main.go");
  assert.match(diagnostics[0]?.message ?? "", /entry point main\.go is missing/);
});

test("a source that makes go build exceed its memory bound is a diagnostic naming it", async () => {
  // A 300,000-element slice literal: the compiler needs about 250 MiB (peak RSS, measured),
  // the rest of the build under 100 MiB, so it alone crosses 128 MiB.
  const elements = Array.from({ length: 300_000 }, (_, i) => i).join(",");
  const tight = { timeMs: 120_000, memoryMiB: 128 };
  const main = `package main\n\nimport "fmt"\n\nvar x = []int{${elements}}\n\nfunc main() { fmt.Println(len(x)) }\n`;
  const out = await buildGo(
    { language: "go", problem: "raft", protoPath, ...submission({ "main.go": main }) },
    tight,
  );
  assert.deepEqual(
    failed(out).map((d) => [d.file, d.message]),
    [["main.go", goCompileMessages.memory(tight)]],
  );
});
