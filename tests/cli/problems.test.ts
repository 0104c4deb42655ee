// `clusterjudge problems`: every problem of the catalogue with its scenarios.
import assert from "node:assert/strict";
import { test } from "vitest";
import { REGISTRY } from "../../problems/registry.ts";
import { LANGUAGES } from "../../languages/registry.ts";
import { PROBLEMS } from "../../shared/domain/problems.ts";
import { clusterjudge } from "./support/clusterjudge.ts";

test("the table has a row per problem, with its scenario count", () => {
  const r = clusterjudge(["problems"]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.match(lines[0]!, /^id\s+slug\s+nodes\s+languages\s+scenarios\s+title$/);
  for (const p of PROBLEMS) {
    const row = lines.find((l) => l.split(/\s+/)[1] === p.slug);
    assert.ok(row, p.slug);
    const scenarios = Object.keys(REGISTRY.find((r) => r.slug === p.slug)?.plans ?? {}).length;
    assert.ok(scenarios > 0, p.slug);
    assert.match(
      row,
      new RegExp(
        `^${p.id}\\s+${p.slug}\\s+${p.nodeCount}\\s+${[...LANGUAGES].sort().join(",")}\\s+${scenarios}\\s`,
      ),
    );
    assert.ok(row.trimEnd().endsWith(p.title), row);
  }
});

test("--json gives each problem with its scenarios in their default order", () => {
  const r = clusterjudge(["problems", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const listed = JSON.parse(r.stdout) as { slug: string; scenarios: string[] }[];
  assert.deepEqual(
    listed.map((p) => p.slug),
    PROBLEMS.map((p) => p.slug),
  );
  for (const p of listed) {
    const registered = REGISTRY.find((r) => r.slug === p.slug);
    assert.ok(registered, p.slug);
    assert.deepEqual(p.scenarios, Object.keys(registered.plans));
  }
});
