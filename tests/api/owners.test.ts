// Where callers have identities (the cloud), each sees only what they submitted: the
// submission carries its owner, lists are theirs alone, and another's id reads as unknown.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { OWNER_HEADER, request, startApi, type ApiHarness } from "./harness.ts";

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const as = (owner: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), [OWNER_HEADER]: owner },
});

async function submitAs(owner: string): Promise<string> {
  const reply = await request(
    `${api.base}/submissions`,
    as(owner, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ problemId: 1, language: "python", code: "print(1)\n" }),
    }),
  );
  assert.equal(reply.status, 202);
  return String(reply.body.id);
}

test("a submission is its submitter's: stored with the owner, hidden from everyone else", async () => {
  const hers = await submitAs("alice");
  const his = await submitAs("bob");
  assert.equal((await api.store.get(hers))?.ownerId, "alice");

  assert.equal((await request(`${api.base}/submissions/${hers}`, as("alice"))).status, 200);
  for (const path of ["", "/tests", "/events", "/tests/0/evidence/history"]) {
    const reply = await request(`${api.base}/submissions/${hers}${path}`, as("bob"));
    assert.equal(reply.status, 404, `bob reads ${path || "the submission"}`);
  }
  const teardown = await request(
    `${api.base}/submissions/${hers}/teardown`,
    as("bob", { method: "POST" }),
  );
  assert.equal(teardown.status, 404, "bob cannot tear alice's cluster down");

  const listed = await request<{ submissions: { id: string }[] }>(
    `${api.base}/submissions`,
    as("bob"),
  );
  assert.deepEqual(
    listed.body.submissions.map((s) => s.id),
    [his],
  );
});

test("on one person's machine (no identity) every submission is visible", async () => {
  const hers = await submitAs("carol");
  assert.equal((await request(`${api.base}/submissions/${hers}`)).status, 200);
});
