// The Rust starter: its text for g-counter is reviewed as a snapshot. It builds in
// tests/unit/toolchains/templates-build.test.ts and is judged in
// tests/integration/judge/templates-judged.test.ts, with every language's.
import { expect, test } from "vitest";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf } from "../../../problems/templates.ts";

const gCounter = templateOf(registeredProblem("g-counter"), "rust");

test("the g-counter template is the reviewed one", () => {
  expect(gCounter).toMatchSnapshot();
});
