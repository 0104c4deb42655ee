// The whole public corpus: every etcd and kv history gets the verdict listed for it.
import assert from "node:assert/strict";
import { test } from "vitest";
import { casRegisterModel, checkOperations, kvModel } from "../../shared/check/index.ts";
import { loadEtcdCorpus, loadKvCorpus, requireCorpus } from "./linearizability-corpus.ts";

// Generous: the whole corpus takes about a second; a loaded CI machine must not turn a
// slow check into a wrong verdict, and unknown fails the test anyway.
const TIMEOUT_MS = 120_000;

test("the handout corpus is beside the checkout", () => {
  requireCorpus();
});

test("all 102 etcd histories get their listed verdict (23 linearizable, 79 not)", () => {
  const corpus = loadEtcdCorpus();
  assert.equal(corpus.length, 102);
  const wrong: string[] = [];
  for (const { file, expected, ops } of corpus) {
    const result = checkOperations(casRegisterModel, ops, { timeoutMs: TIMEOUT_MS });
    if (result.verdict !== expected) wrong.push(`${file}: ${result.verdict}, expected ${expected}`);
    if (result.verdict === "not-linearizable") assert.ok(result.failure?.explanation.length);
  }
  assert.deepEqual(wrong, []);
  const count = (v: string): number => corpus.filter((h) => h.expected === v).length;
  assert.deepEqual([count("linearizable"), count("not-linearizable")], [23, 79]);
});

test("all 6 kv histories get their listed verdict (3 linearizable, 3 not)", () => {
  const corpus = loadKvCorpus();
  assert.deepEqual(
    corpus.map((h) => h.file),
    ["c01-bad.txt", "c01-ok.txt", "c10-bad.txt", "c10-ok.txt", "c50-bad.txt", "c50-ok.txt"],
  );
  for (const { file, expected, ops } of corpus) {
    const result = checkOperations(kvModel, ops, { timeoutMs: TIMEOUT_MS });
    assert.equal(result.verdict, expected, `${file}: ${result.reason ?? ""}`);
    assert.equal(result.partitions, file.startsWith("c01-bad") ? 8 : 10);
  }
});
