// The generated Java starter: g-counter's is pinned by a snapshot. Starters build in
// tests/unit/toolchains/templates-build.test.ts and are judged in
// tests/integration/judge/templates-judged.test.ts, with every language's.
import assert from "node:assert/strict";
import { expect, test } from "vitest";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf } from "../../../problems/templates.ts";

test("g-counter's Java template", async () => {
  const files = templateOf(registeredProblem("g-counter"), "java");
  assert.deepEqual(Object.keys(files), ["Main.java"]);
  await expect(files["Main.java"]).toMatchFileSnapshot("__snapshots__/g-counter.Main.java");
});
