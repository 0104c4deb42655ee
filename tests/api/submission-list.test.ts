// GET /submissions: each listing's overall verdict, filters by problem, verdict and status, a
// page at a time by cursor, and a 400 naming the parameter for a bad query. Submissions are
// moved through the state machine in the store, as the steps would, so no judge has to run.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { advance } from "../../shared/domain/lifecycle.ts";
import type { SubmissionOutcome } from "../../shared/domain/outcome.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { Submission } from "../../shared/domain/submission.ts";
import { aResult, aSubmission } from "../contract/fixtures.ts";
import { OWNER_HEADER, request, startApi, type ApiHarness } from "./harness.ts";

interface Listed {
  id: string;
  problem: string;
  status: string;
  outcome?: SubmissionOutcome;
}
interface Page {
  submissions: Listed[];
  nextCursor: string | null;
}

let api: ApiHarness;
let clock = Date.now();
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

/** A submission stored and moved to `end` through the legal statuses; newer each call. */
async function stored(
  end: "testing" | "completed" | "build_failed" | "failed",
  opts: { problem?: string; results?: ScenarioResult[]; ownerId?: string } = {},
): Promise<Submission> {
  clock += 10;
  const s = aSubmission({
    createdAt: clock,
    problem: opts.problem ?? "raft",
    ...(opts.ownerId ? { ownerId: opts.ownerId } : {}),
  });
  await api.store.create(s);
  const move = (fn: (c: Submission) => Submission) => api.store.transition(s.id, fn);
  await move((c) => advance(c, "building", clock));
  if (end === "build_failed") {
    const error = { stage: "build" as const, message: "it did not build" };
    return (await move((c) => advance(c, "build_failed", clock, { error }))).submission;
  }
  await move((c) => advance(c, "deploying", clock));
  await move((c) => advance(c, "testing", clock));
  const results = opts.results ?? [];
  for (const [i, r] of results.entries()) await api.store.putResult(s.id, i, r);
  if (end === "testing") return (await api.store.get(s.id))!;
  return (await move((c) => advance(c, end, clock, { results }))).submission;
}

const list = (query = "", init: RequestInit = {}) =>
  request<Page>(`${api.base}/submissions${query}`, init);
const ids = (page: Page) => page.submissions.map((s) => s.id);

test("filters by problem, verdict and status; each listing carries its verdict", async () => {
  const ownerId = "filterer";
  const accepted = await stored("completed", {
    ownerId,
    results: [aResult("leader_election"), aResult("log_replication")],
  });
  const wrong = await stored("completed", {
    ownerId,
    results: [aResult("leader_election"), aResult("log_replication", "fail")],
  });
  const buildError = await stored("build_failed", { ownerId });
  const running = await stored("testing", { ownerId, results: [aResult("leader_election")] });
  const elsewhere = await stored("completed", {
    ownerId,
    problem: "multi-paxos",
    results: [aResult("a", "fail")],
  });
  const mine = { headers: { [OWNER_HEADER]: ownerId } };
  const filtered = async (query: string) => ids((await list(query, mine)).body);

  const all = await list("", mine);
  assert.equal(all.status, 200);
  const byId = new Map(all.body.submissions.map((s) => [s.id, s]));
  assert.deepEqual(byId.get(wrong.id)?.outcome, {
    verdict: "wrong_answer",
    passed: 1,
    total: 2,
    firstFailure: { scenario: "log_replication", reason: "a stale read" },
  });
  assert.deepEqual(byId.get(accepted.id)?.outcome, { verdict: "accepted", passed: 2, total: 2 });
  assert.equal(byId.get(buildError.id)?.outcome?.verdict, "build_error");
  assert.equal(byId.get(running.id)?.outcome, undefined, "no verdict while it runs");

  assert.deepEqual(await filtered("?verdict=wrong_answer"), [elsewhere.id, wrong.id]);
  assert.deepEqual(await filtered("?problem=raft&verdict=wrong_answer"), [wrong.id]);
  assert.deepEqual(await filtered("?problem=2"), [elsewhere.id], "a problem's number");
  assert.deepEqual(await filtered("?problem=raft&status=testing"), [running.id]);
  assert.deepEqual(await filtered("?status=build_failed"), [buildError.id]);
  assert.deepEqual(await filtered("?verdict=deploy_error"), []);
});

test("pages newest first by cursor; a submission made meanwhile shifts no later page", async () => {
  const owner = "pager";
  const as = { headers: { [OWNER_HEADER]: owner } };
  const made: Submission[] = [];
  for (let i = 0; i < 5; i++) made.push(await stored("build_failed", { ownerId: owner }));
  const newestFirst = made.map((s) => s.id).reverse();

  const first = await list("?limit=2", as);
  assert.deepEqual(ids(first.body), newestFirst.slice(0, 2));
  assert.equal(typeof first.body.nextCursor, "string");
  await stored("build_failed", { ownerId: owner });
  const cursor = (page: Page) => encodeURIComponent(page.nextCursor ?? "");
  const second = await list(`?limit=2&cursor=${cursor(first.body)}`, as);
  assert.deepEqual(ids(second.body), newestFirst.slice(2, 4));
  const third = await list(`?limit=2&cursor=${cursor(second.body)}`, as);
  assert.deepEqual(ids(third.body), newestFirst.slice(4));
  assert.equal(third.body.nextCursor, null, "the last page says so");
  // A page exactly full with nothing after it has no next page either.
  const whole = await list("?limit=6", as);
  assert.equal(whole.body.submissions.length, 6);
  assert.equal(whole.body.nextCursor, null);
});

test("a bad query is a 400 whose sentence names the parameter", async () => {
  const cases: [string, RegExp][] = [
    ["?limit=0", /^bad query: limit must be a whole number from 1 to 50$/],
    ["?limit=51", /limit must be a whole number from 1 to 50/],
    ["?limit=two", /limit must be a whole number/],
    ["?limit=1.5", /limit must be a whole number/],
    ["?verdict=passed", /verdict must be one of: accepted, wrong_answer, inconclusive/],
    ["?status=done", /status must be one of: queued, building/],
    ["?status=queued&status=testing", /status must be one of/],
    ["?problem=nope", /problem: no problem "nope"; known: raft, multi-paxos/],
    ["?cursor=not-ours", /cursor: not a cursor of this list/],
    ["?sort=newest", /sort: not a parameter here; known: problem, verdict, status/],
  ];
  for (const [query, error] of cases) {
    const reply = await list(query);
    assert.equal(reply.status, 400, query);
    const body = reply.body as unknown as { error: string; issues: string[] };
    assert.match(body.error, error, query);
    assert.ok(body.issues.length >= 1, query);
  }
});
