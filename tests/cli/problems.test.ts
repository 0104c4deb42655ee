// `clusterjudge problems`: every problem of the catalogue, judged ones with their scenarios.
import assert from "node:assert/strict";
import { test } from "vitest";
import { REGISTRY } from "../../problems/registry.ts";
import { PROBLEMS } from "../../shared/domain/problems.ts";
import { clusterjudge } from "./support/clusterjudge.ts";

test("the table has a row per problem, judged or not yet", () => {
  const r = clusterjudge(["problems"]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.match(lines[0]!, /^id\s+slug\s+nodes\s+languages\s+scenarios\s+judged\s+title$/);
  for (const p of PROBLEMS) {
    const row = lines.find((l) => l.split(/\s+/)[1] === p.slug);
    assert.ok(row, p.slug);
    assert.match(
      row,
      new RegExp(
        `^${p.id}\\s+${p.slug}\\s+${p.nodeCount}\\s+python,typescript\\s+\\d+\\s+${p.judged ? "yes" : "not yet"}`,
      ),
    );
  }
});

test("--json gives each problem with its scenarios in their default order", () => {
  const r = clusterjudge(["problems", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const listed = JSON.parse(r.stdout) as { slug: string; judged: boolean; scenarios: string[] }[];
  assert.deepEqual(
    listed.map((p) => p.slug),
    PROBLEMS.map((p) => p.slug),
  );
  for (const p of listed) {
    const registered = REGISTRY.find((r) => r.slug === p.slug);
    assert.equal(p.judged, Boolean(registered));
    assert.deepEqual(p.scenarios, registered ? Object.keys(registered.plans) : []);
  }
});
