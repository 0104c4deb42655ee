// POST /submissions counts each caller's submissions in the store: past the rate, a 429 with
// Retry-After, and nothing stored or published. Refused submissions cost no place.
import assert from "node:assert/strict";
import { afterAll, beforeAll, test } from "vitest";
import { OWNER_HEADER, request, startApi, type ApiHarness } from "./harness.ts";
import { SUBMISSION_RATE_ENV, submissionRateFromEnv } from "../../functions/api/submission-rate.ts";
import { RATE_LIMITS } from "../../shared/domain/limits.ts";

const HOUR_MS = 3600_000;
let api: ApiHarness;
beforeAll(async () => {
  api = await startApi({ submissionRate: { limit: 2, windowMs: HOUR_MS } });
});
afterAll(() => api.close());

function submit(owner: string | null, language = "python") {
  return request(`${api.base}/submissions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(owner === null ? {} : { [OWNER_HEADER]: owner }),
    },
    body: JSON.stringify({ problemId: 1, language, code: "print(1)\n" }),
  });
}

async function submitted(owner: string): Promise<number> {
  return (await api.store.list({ ownerId: owner })).length;
}

test("past the rate: 429 with Retry-After, nothing stored; other callers are counted apart", async () => {
  assert.equal((await submit("alice", "cobol")).status, 400, "a refused submission...");
  assert.equal((await submit("alice")).status, 202, "...and costs no place");
  assert.equal((await submit("alice")).status, 202);
  const refused = await request(`${api.base}/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", [OWNER_HEADER]: "alice" },
    body: JSON.stringify({ problemId: 1, language: "python", code: "print(2)\n" }),
  });
  assert.equal(refused.status, 429);
  assert.match(String(refused.body.error), /at most 2 submissions in 60 minutes; try again in/);
  const res = await fetch(`${api.base}/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", [OWNER_HEADER]: "alice" },
    body: JSON.stringify({ problemId: 1, language: "python", code: "print(3)\n" }),
  });
  assert.equal(res.status, 429);
  const retryAfter = Number(res.headers.get("retry-after"));
  assert.ok(retryAfter > 3500 && retryAfter <= 3600, `Retry-After: ${retryAfter} s`);
  assert.equal(await submitted("alice"), 2, "nothing stored past the rate");
  const published = api.queue.counts("submit");
  assert.equal(published.ready + published.leased, 2, "nothing published past the rate");
  assert.equal((await submit("bob")).status, 202, "bob has his own count");
  // No caller (the local server): one count for the machine.
  assert.equal((await submit(null)).status, 202);
  assert.equal((await submit(null)).status, 202);
  assert.equal((await submit(null)).status, 429);
});

test(`${SUBMISSION_RATE_ENV}: a default, a number, "off", and nothing else`, () => {
  assert.deepEqual(submissionRateFromEnv({}), {
    limit: RATE_LIMITS.submissionsPerHour,
    windowMs: HOUR_MS,
  });
  assert.deepEqual(submissionRateFromEnv({ [SUBMISSION_RATE_ENV]: " 5 " }), {
    limit: 5,
    windowMs: HOUR_MS,
  });
  assert.equal(submissionRateFromEnv({ [SUBMISSION_RATE_ENV]: "off" }), undefined);
  for (const bad of ["0", "-1", "2.5", "many"]) {
    assert.throws(
      () => submissionRateFromEnv({ [SUBMISSION_RATE_ENV]: bad }),
      /must be a whole number of at least 1, or "off"/,
      bad,
    );
  }
});
