import assert from "node:assert/strict";
import { test } from "vitest";
import { PROBLEMS, findProblem } from "../../../shared/domain/problems.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { LANGUAGES } from "../../../languages/registry.ts";

test("the catalogue has the 19 problems with ids 1..19 and unique slugs", () => {
  assert.deepEqual(
    PROBLEMS.map((p) => p.id),
    Array.from({ length: 19 }, (_, i) => i + 1),
  );
  assert.equal(new Set(PROBLEMS.map((p) => p.slug)).size, 19);
  for (const p of PROBLEMS) {
    assert.match(p.slug, /^[a-z0-9-]+$/);
    assert.ok([3, 5].includes(p.nodeCount), `${p.slug} runs 3 or 5 nodes`);
    assert.ok(p.title && p.description, `${p.slug} has a title and a description`);
  }
});

test("the catalogue is the registry's problems; raft has five nodes, every language", () => {
  assert.deepEqual(
    PROBLEMS.map((p) => p.slug),
    REGISTRY.map((p) => p.slug),
  );
  const raft = findProblem("raft");
  assert.equal(raft?.nodeCount, 5);
  assert.deepEqual(raft?.languages, LANGUAGES);
});

test("a problem is found by slug or id, in any case", () => {
  assert.equal(findProblem("Chain-Replication")?.id, 19);
  assert.equal(findProblem("4")?.slug, "chandy-lamport");
  assert.equal(findProblem("paxos"), undefined);
});
