// `clusterjudge check` as a user runs it: exit codes, the JSON lines, errors naming the
// file and line, the HTML file.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "vitest";
import { fileURLToPath } from "node:url";
import { formatHistoryJson } from "../../../shared/check/linearizability/import/history-json.ts";
import { kvHistory, registerHistory } from "./support/build.ts";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../../../bin/clusterjudge.js");
const dir = mkdtempSync(join(tmpdir(), "cj-check-"));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, "check", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const good = write(
  "good.json",
  formatHistoryJson("kv", kvHistory().put("a", "k", "1", 0, 1).get("b", "k", "1", 2, 3).ops),
);
const bad = write(
  "bad.json",
  formatHistoryJson("kv", kvHistory().put("a", "k", "1", 0, 1).get("b", "k", "2", 2, 3).ops),
);

test("JSON lines and exit 1 when a file is not linearizable; the HTML page is written", () => {
  const html = join(dir, "fail.html");
  const r = run("--model", "kv", "--format", "json", "--json", "--html", html, good, bad);
  assert.equal(r.code, 1, r.err);
  const lines = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    lines.map((l) => [l.file, l.verdict, l.ops, typeof l.ms]),
    [
      [good, "linearizable", 2, "number"],
      [bad, "not-linearizable", 2, "number"],
    ],
  );
  const page = join(dir, "fail-bad.json.html");
  assert.ok(existsSync(page));
  assert.match(readFileSync(page, "utf8"), /no linearization gets past here/);
});

test("exit 0 with a readable line when every file is linearizable", () => {
  const r = run("--model", "kv", "--format", "json", good);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^ok {4}.*good\.json: linearizable \(2 operations, 1 partition, /);
});

test("the explanation follows a failing file's line", () => {
  const r = run("--model", "kv", "--format", "json", bad);
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /FAIL {2}.*bad\.json: not linearizable[\s\S]*\n {6}Key "k" is not linearizable/,
  );
});

test("exit 1 when a check runs out of time: unknown is no pass, as for judge", () => {
  const h = registerHistory();
  for (let i = 0; i < 40; i++) h.write(`w${i}`, i, i, null, "info");
  for (let i = 0; i < 40; i++) h.read(`r${i}`, i, 100 + i, 100.5 + i);
  h.read("last", 99, 1_000, 1_001);
  const hard = write("hard.json", formatHistoryJson("cas-register", h.ops));
  const r = run("--model", "cas-register", "--format", "json", "--json", "--timeout-ms", "1", hard);
  assert.equal(r.code, 1, r.out + r.err);
  assert.equal((JSON.parse(r.out) as { verdict: string }).verdict, "unknown");
});

test("exit 2 on a parse error, naming the file and line, before checking anything", () => {
  const broken = write(
    "broken.edn",
    '{:process 0, :type :invoke, :f :get, :key "k", :value nil}\n{:process 0, :type :ok :f',
  );
  const r = run("--model", "kv", "--format", "jepsen-edn", good, broken);
  assert.equal(r.code, 2);
  assert.equal(r.out, "");
  assert.match(r.err, /broken\.edn:2: /);
});

test("exit 2 on usage errors, and on files that are missing or hold another model", () => {
  assert.equal(run("--model", "set", "--format", "json", good).code, 2);
  assert.equal(run("--model", "kv", "--format", "jepsen-log", good).code, 2);
  const r = run("--model", "cas-register", "--format", "json", good, join(dir, "missing.json"));
  assert.equal(r.code, 2);
  assert.match(r.err, /good\.json:1: the file holds a kv history, not cas-register/);
  assert.match(r.err, /missing\.json: ENOENT/);
});
