// `clusterjudge` itself: --version, --help (examples, problems and scenarios, the exit
// statuses from EXIT_CODES), usage errors exit 2, colour only when asked for.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "vitest";
import { REGISTRY } from "../../problems/registry.ts";
import { LANGUAGES } from "../../languages/registry.ts";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import { EXIT_MEANINGS } from "../../cli/help.ts";
import { REPO, clusterjudge, tempDir } from "./support/clusterjudge.ts";

const version = (
  JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }
).version;

test("--version and -V print package.json's version and exit 0", () => {
  for (const flag of ["--version", "-V"]) {
    const r = clusterjudge([flag]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${version}\n`);
  }
});

test("--help shows every command, examples, each problem's scenarios and the exit statuses", () => {
  const r = clusterjudge(["--help"]);
  assert.equal(r.code, 0, r.stderr);
  for (const command of ["problems", "init", "judge", "runs", "show", "check", "serve"]) {
    assert.match(r.stdout, new RegExp(`^  ${command} `, "m"), command);
  }
  assert.match(r.stdout, /^Examples:\n {2}\$ clusterjudge /m);
  for (const p of REGISTRY) {
    assert.match(
      r.stdout,
      new RegExp(`${p.slug} \\(${p.nodeCount} nodes\\): ${Object.keys(p.plans).join(", ")}`),
    );
  }
  const table = r.stdout.slice(r.stdout.indexOf("Exit status:"));
  for (const [key, code] of Object.entries(EXIT_CODES)) {
    const meaning = EXIT_MEANINGS[key as keyof typeof EXIT_CODES];
    assert.ok(table.includes(`  ${code}  ${meaning}`), `exit ${code} in the help`);
  }
});

test("a command's --help exits 0 and shows its options", () => {
  const r = clusterjudge(["check", "--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--model <model>.*default: what the file declares/);
});

test("usage errors exit 2 and say what was wrong", () => {
  const none = clusterjudge([]);
  assert.equal(none.code, EXIT_CODES.usage);
  assert.match(none.stderr, /Usage: clusterjudge/);
  const unknown = clusterjudge(["judgee"]);
  assert.equal(unknown.code, EXIT_CODES.usage);
  assert.match(unknown.stderr, /unknown command 'judgee'[\s\S]*Did you mean judge\?/);
  const option = clusterjudge(["problems", "--jsn"]);
  assert.equal(option.code, EXIT_CODES.usage);
  assert.match(option.stderr, /unknown option '--jsn'/);
  const language = clusterjudge(["judge", "--problem", "raft", "--language", "cobol", "x"]);
  assert.equal(language.code, EXIT_CODES.usage);
  assert.match(
    language.stderr,
    new RegExp(`Allowed choices are ${[...LANGUAGES].sort().join(", ")}`),
  );
});

test("colour only when forced or on a terminal: never with NO_COLOR, never into a pipe", () => {
  const escape = "\u001b[";
  assert.ok(!clusterjudge(["problems"]).stdout.includes(escape), "a pipe gets no colour");
  const forced = clusterjudge(["problems"], { env: { FORCE_COLOR: "1" } });
  assert.ok(forced.stdout.includes(`${escape}36mraft`), "FORCE_COLOR colours");
  const both = clusterjudge(["problems"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
  assert.ok(!both.stdout.includes(escape), "NO_COLOR wins");
});

test("the README's table of exit statuses is the one --help shows", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  for (const [key, code] of Object.entries(EXIT_CODES)) {
    const meaning = EXIT_MEANINGS[key as keyof typeof EXIT_CODES];
    assert.ok(readme.includes(`| ${code} | ${meaning} |`), `exit ${code} in the README`);
  }
});

test("the judge's own failure exits 4, never a verdict: here its home cannot be made", () => {
  const dir = tempDir("home-file");
  const file = join(dir, "file");
  writeFileSync(file, "not a folder\n");
  const r = clusterjudge(["judge", "--problem", "raft", "--language", "python", dir], {
    home: join(file, "home"),
  });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.code, EXIT_CODES.judgeError, r.stderr);
  assert.match(r.stderr, /^clusterjudge: internal error \(exit 4\): Error: ENOTDIR/);
});
