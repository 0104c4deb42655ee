import assert from "node:assert/strict";
import { test } from "node:test";
import { claimedByOther, claimedStep, scenarioStep } from "../../../shared/domain/claim.ts";
import { withClaim, withoutClaim } from "../../../shared/domain/lifecycle.ts";
import type { Submission } from "../../../shared/domain/submission.ts";

const claim = { step: "deploy", holder: "m1", expiresAtMs: 1_000 };

test("a live claim blocks other holders of the same step only", () => {
  assert.equal(claimedByOther(claim, "deploy", "m2", 500), true);
  assert.equal(claimedByOther(claim, "deploy", "m1", 500), false, "a redelivery takes it back");
  assert.equal(claimedByOther(claim, "build", "m2", 500), false, "another step is not blocked");
  assert.equal(claimedByOther(claim, "deploy", "m2", 1_000), false, "an expired claim is free");
  assert.equal(claimedByOther(undefined, "deploy", "m2", 500), false);
});

test("claimedStep says whether anyone holds the step", () => {
  assert.equal(claimedStep(claim, "deploy", 999), true);
  assert.equal(claimedStep(claim, "deploy", 1_000), false);
  assert.equal(claimedStep(claim, scenarioStep(0), 10), false);
  assert.equal(scenarioStep(3), "scenario:3");
});

test("withoutClaim releases only the holder's own claim", () => {
  const s = withClaim({ id: "s" } as Submission, claim, 10);
  assert.deepEqual(withoutClaim(s, "m2", 20), s, "another holder's claim stays");
  assert.equal(withoutClaim(s, "m1", 20).claim, undefined);
  assert.equal(s.claim, claim, "the input is not changed");
});
