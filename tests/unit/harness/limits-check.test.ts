// A limit a node hit is the scenario's reason, named as the agent recorded it.
import assert from "node:assert/strict";
import { test } from "vitest";
import { checkLimits } from "../../../harness/limits-check.ts";

test("no hit holds; a memory kill is named first, with every hit in the excerpt", () => {
  assert.equal(checkLimits({ limitHits: [], originMs: 0 }).status, "holds");
  const hits = [
    {
      node: "node-1",
      limit: "pids" as const,
      bound: 512,
      killed: false,
      atMs: 1000,
      message: "pids limit: node-1 could not fork past 512 tasks",
    },
    {
      node: "node-2",
      limit: "memory" as const,
      bound: 512 * 2 ** 20,
      killed: true,
      atMs: 2500,
      message: "memory limit: node-2 was killed at 512 MiB",
    },
  ];
  const result = checkLimits({ limitHits: hits, originMs: 0 });
  assert.equal(result.status, "violated");
  assert.equal(result.message, "memory limit: node-2 was killed at 512 MiB (2 limit hits in all)");
  assert.deepEqual(result.excerpt, [
    "1.0 s: pids limit: node-1 could not fork past 512 tasks",
    "2.5 s: memory limit: node-2 was killed at 512 MiB",
  ]);
});
