// The Rust starter: its text for g-counter is reviewed as a snapshot. judge.test.ts builds
// and judges it; tests/unit/toolchains/templates-build.test.ts builds two more problems'.
import { expect, test } from "vitest";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf } from "../../../problems/templates.ts";

const gCounter = templateOf(registeredProblem("g-counter"), "rust");

test("the g-counter template is the reviewed one", () => {
  expect(gCounter).toMatchSnapshot();
});
