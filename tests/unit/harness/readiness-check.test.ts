// A node not running after the heal fails the scenario as "node readiness", with its log.
import assert from "node:assert/strict";
import { test } from "vitest";
import { checkReadiness } from "../../../harness/readiness-check.ts";

test("every node running holds; one down is named with the end of its log", () => {
  assert.equal(checkReadiness({}).status, "holds");
  assert.equal(checkReadiness({ nodesDown: [] }).status, "holds");
  const result = checkReadiness({
    nodesDown: [
      {
        node: "node-2",
        cause: "node-2 exited with code 1",
        logTail: ["[agent] started node", "refusing to start: DATA_DIR holds a marker"],
      },
      { node: "node-4", cause: "node-4 exited with code 1", logTail: [] },
    ],
  });
  assert.equal(result.status, "violated");
  assert.equal(
    result.message,
    "node-2 was not running after the heal and the recovery wait: node-2 exited with code 1 (and node-4)",
  );
  assert.deepEqual(result.excerpt, [
    "node-2's log, its last lines:",
    "[agent] started node",
    "refusing to start: DATA_DIR holds a marker",
  ]);
});
