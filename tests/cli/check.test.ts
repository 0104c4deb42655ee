// `clusterjudge check` with no flags: each file says what it is (a run's history.json its
// format and model, a Jepsen log is a register, EDN names its operations); flags override.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "vitest";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import { REPO, clusterjudge } from "./support/clusterjudge.ts";

/** A history a real run of the reference Raft wrote (leader_election, 55 operations). */
const history = join(REPO, "tests/cli/data/leader_election-history.json");
const corpus = join(REPO, "tests/corpus/data/linearizability");

test("a run's history.json is checked with the model it declares: linearizable, exit 0", () => {
  const r = clusterjudge(["check", history]);
  assert.equal(r.code, EXIT_CODES.accepted, r.stderr);
  assert.match(r.stdout, /^ok {4}.*leader_election-history\.json: linearizable \(55 operations, /);
});

test("a Jepsen log and EDN histories need no flags either; not linearizable exits 1", () => {
  const etcd = clusterjudge(["check", "--json", join(corpus, "etcd/etcd_000.log")]);
  assert.equal(etcd.code, EXIT_CODES.rejected, etcd.stderr);
  assert.equal((JSON.parse(etcd.stdout) as { verdict: string }).verdict, "not-linearizable");
  const kv = clusterjudge(["check", join(corpus, "kv/c01-ok.txt"), history]);
  assert.equal(kv.code, EXIT_CODES.accepted, kv.stderr);
});

test("a flag overrides what the file declares, and a mismatch is named", () => {
  const r = clusterjudge(["check", "--model", "cas-register", history]);
  assert.equal(r.code, EXIT_CODES.usage);
  assert.match(r.stderr, /holds a kv history, not cas-register/);
});

test("a file that says nothing of itself asks for the flags, exit 2", () => {
  const r = clusterjudge(["check", join(REPO, "README.md")]);
  assert.equal(r.code, EXIT_CODES.usage);
  assert.match(r.stderr, /cannot tell the history's format or model: give --format and --model/);
});
