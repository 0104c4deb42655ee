// `clusterjudge init`: a new submission folder from the problem's template, never over
// anything, and the command to run next.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { REGISTRY } from "../../problems/registry.ts";
import { templateOf } from "../../problems/templates.ts";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import { clusterjudge, tempDir } from "./support/clusterjudge.ts";

const work = tempDir("init");
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("writes the generated template into the folder and prints the judge command for it", () => {
  const r = clusterjudge(["init", "raft", "python", "my raft"], { cwd: work });
  assert.equal(r.code, 0, r.stderr);
  const dir = join(work, "my raft");
  const template = templateOf(
    REGISTRY.find((p) => p.slug === "raft")!,
    "python",
  );
  assert.deepEqual(readdirSync(dir), Object.keys(template));
  assert.equal(readFileSync(join(dir, "main.py"), "utf8"), template["main.py"]);
  assert.match(r.stdout, /^next: clusterjudge judge --problem raft --language python 'my raft'$/m);
});

test("names the folder after the problem and language when none is given; an id works too", () => {
  const r = clusterjudge(["init", "1", "typescript"], { cwd: work });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(work, "raft-typescript", "main.ts")));
  assert.match(
    r.stdout,
    /next: clusterjudge judge --problem raft --language typescript raft-typescript/,
  );
});

test("refuses a folder that holds anything, and leaves it as it was", () => {
  const dir = join(work, "taken");
  mkdirSync(dir);
  writeFileSync(join(dir, "main.py"), "mine\n");
  const r = clusterjudge(["init", "raft", "python", dir]);
  assert.equal(r.code, EXIT_CODES.usage);
  assert.match(r.stderr, /exists and is not an empty folder/);
  assert.equal(readFileSync(join(dir, "main.py"), "utf8"), "mine\n");
  const empty = join(work, "empty");
  mkdirSync(empty);
  assert.equal(clusterjudge(["init", "raft", "python", empty]).code, 0);
});

test("an unknown problem or another language is a usage error", () => {
  const unknown = clusterjudge(["init", "paxos", "python", join(work, "a")]);
  assert.equal(unknown.code, EXIT_CODES.usage);
  assert.match(unknown.stderr, /no problem "paxos"; problems: raft, multi-paxos/);
  const language = clusterjudge(["init", "raft", "cobol", join(work, "c")]);
  assert.equal(language.code, EXIT_CODES.usage);
  assert.ok(!existsSync(join(work, "a")) && !existsSync(join(work, "c")));
});
