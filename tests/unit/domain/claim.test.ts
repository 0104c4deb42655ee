import assert from "node:assert/strict";
import { test } from "vitest";
import { claimedByOther, claimedStep, scenarioStep } from "../../../shared/domain/claim.ts";
import { withClaim, withoutClaim } from "../../../shared/domain/lifecycle.ts";
import type { Submission } from "../../../shared/domain/submission.ts";

const claim = { step: "deploy", holder: "m1", attempt: 1, token: "t1", expiresAtMs: 1_000 };
const other = { holder: "m2", attempt: 1, token: "t2" };

test("a live claim blocks other deliveries of the same step only", () => {
  assert.equal(claimedByOther(claim, "deploy", other, 500), true);
  assert.equal(claimedByOther(claim, "build", other, 500), false, "another step is not blocked");
  assert.equal(claimedByOther(claim, "deploy", other, 1_000), false, "an expired claim is free");
  assert.equal(claimedByOther(undefined, "deploy", other, 500), false);
  assert.equal(claimedByOther(claim, "deploy", { ...claim }, 500), false, "its own execution");
});

test("a later attempt of the same message takes the work back; a copy of the same attempt does not", () => {
  const redelivery = { holder: "m1", attempt: 2, token: "t3" };
  assert.equal(claimedByOther(claim, "deploy", redelivery, 500), false);
  const copy = { holder: "m1", attempt: 1, token: "t4" };
  assert.equal(claimedByOther(claim, "deploy", copy, 500), true, "two copies at once");
  const older = { holder: "m1", attempt: 1, token: "t5" };
  const held = { ...claim, attempt: 2, token: "t3" };
  assert.equal(claimedByOther(held, "deploy", older, 500), true, "an older attempt arriving late");
});

test("claimedStep says whether anyone holds the step", () => {
  assert.equal(claimedStep(claim, "deploy", 999), true);
  assert.equal(claimedStep(claim, "deploy", 1_000), false);
  assert.equal(claimedStep(claim, scenarioStep(0), 10), false);
  assert.equal(scenarioStep(3), "scenario:3");
});

test("withoutClaim releases only the execution's own claim", () => {
  const s = withClaim({ id: "s" } as Submission, claim, 10);
  assert.deepEqual(withoutClaim(s, "t2", 20), s, "another execution's claim stays");
  assert.equal(withoutClaim(s, "t1", 20).claim, undefined);
  assert.equal(s.claim, claim, "the input is not changed");
});
