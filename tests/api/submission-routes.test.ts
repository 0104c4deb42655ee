// Reading a submission, its results and evidence, tearing it down, and its event stream.
// Results and evidence are written straight to the store and the judge home, as the
// test-runner step would, so no judge has to run.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { SubmissionStatus } from "../../shared/domain/status.ts";
import { postJson, request, startApi, type ApiHarness, submitted } from "./harness.ts";

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const submit = () => submitted(api);

async function moveTo(id: string, status: SubmissionStatus): Promise<void> {
  const now = Date.now();
  await api.store.transition(id, (c) => ({
    ...c,
    status,
    updatedAt: now,
    stageTimes: { ...c.stageTimes, [status]: now },
  }));
}

const ORIGIN_MS = 1_700_000_000_000;
const MESSAGES = [0, 100, 200, 300].map((t, seq) => ({
  seq,
  from: "node-0",
  to: "node-1",
  method: "/raft.ConsensusNode/AppendEntries",
  startMs: ORIGIN_MS + t,
  endMs: ORIGIN_MS + t + 5,
  requestBytes: 10,
  responseBytes: 4,
  status: 0,
}));

/** Evidence files as the scenario runner writes them, and a result naming them. */
async function storeResult(id: string, evidence?: ScenarioResult["evidence"]): Promise<void> {
  const dir = api.home.scenarioDir(id, "leader_election");
  await mkdir(join(dir, "logs"), { recursive: true });
  const files = {
    history: join(dir, "history.json"),
    messages: join(dir, "messages.jsonl"),
    faults: join(dir, "faults.json"),
  };
  await writeFile(files.history, JSON.stringify({ originMs: ORIGIN_MS, ops: [] }));
  await writeFile(files.messages, MESSAGES.map((m) => JSON.stringify(m)).join("\n") + "\n");
  await writeFile(files.faults, JSON.stringify({ originMs: ORIGIN_MS, timeline: [], windows: [] }));
  await writeFile(join(dir, "logs", "node-0.log"), "became leader in term 1\n");
  await api.store.putResult(id, 0, {
    name: "leader_election",
    verdict: "pass",
    reason: "every property held",
    durationMs: 20_000,
    seed: 7,
    stats: { ops: 3, ok: 3, fail: 0, unknown: 0, latencyP50Ms: 2, latencyP99Ms: 4, rpcsPerOp: 5 },
    evidence: evidence ?? { ...files, logs: { "node-0": join(dir, "logs", "node-0.log") } },
  });
}

test("GET /submissions/{id} shows the submission without files or claim; unknown is 404", async () => {
  const id = await submit();
  const { status, body } = await request(`${api.base}/submissions/${id}`);
  assert.equal(status, 200);
  assert.equal(body.id, id);
  assert.equal(body.status, "queued");
  assert.equal(body.files, undefined);
  assert.equal(body.claim, undefined);
  const missing = await request(`${api.base}/submissions/nope`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error, "no submission nope");
  const list = await request<{ submissions: Record<string, unknown>[] }>(`${api.base}/submissions`);
  const listed = list.body.submissions.find((s) => s.id === id);
  assert.equal(listed?.status, "queued");
  for (const hidden of ["files", "build", "error", "claim"])
    assert.equal(listed?.[hidden], undefined);
});

test("GET /submissions/{id}/tests gives stored results with evidence as API URLs", async () => {
  const id = await submit();
  const before = await request<{ tests: unknown[] }>(`${api.base}/submissions/${id}/tests`);
  assert.deepEqual(before.body.tests, []);
  await storeResult(id);
  const { status, body } = await request<{
    tests: { index: number; result: ScenarioResult }[];
  }>(`${api.base}/submissions/${id}/tests`);
  assert.equal(status, 200);
  assert.equal(body.tests.length, 1);
  const evidence = body.tests[0]!.result.evidence;
  const url = `/api/distributed/submissions/${id}/tests/0/evidence`;
  assert.equal(evidence.history, `${url}/history`);
  assert.deepEqual(evidence.logs, { "node-0": `${url}/logs/node-0` });
  assert.equal((await request(`${api.base}/submissions/nope/tests`)).status, 404);
});

test("evidence: history, faults, a node's log, and messages by time window", async () => {
  const id = await submit();
  await storeResult(id);
  const base = `${api.base}/submissions/${id}/tests/0/evidence`;
  const history = await request<{ originMs: number }>(`${base}/history`);
  assert.equal(history.status, 200);
  assert.equal(history.body.originMs, ORIGIN_MS);
  assert.equal((await request(`${base}/faults`)).status, 200);
  const log = await request<string>(`${base}/logs/node-0`);
  assert.equal(log.body, "became leader in term 1\n");
  assert.match(log.type, /text\/plain/);
  const window = await request<{ total: number; messages: { seq: number }[] }>(
    `${base}/messages?fromMs=${ORIGIN_MS + 50}&toMs=${ORIGIN_MS + 250}`,
  );
  assert.equal(window.body.total, 2);
  assert.deepEqual(
    window.body.messages.map((m) => m.seq),
    [1, 2],
  );
  const all = await request<{ total: number }>(`${base}/messages`);
  assert.equal(all.body.total, 4);
  assert.equal((await request(`${base}/messages?fromMs=soon`)).status, 400);
});

test("HTML evidence (the counterexample) is served sandboxed", async () => {
  const id = await submit();
  const page = join(api.home.scenarioDir(id, "leader_election"), "linearizability.html");
  await mkdir(dirname(page), { recursive: true });
  await writeFile(page, "<!doctype html><p>not linearizable on key k1</p>");
  await storeResult(id, { counterexample: page });
  const res = await fetch(`${api.base}/submissions/${id}/tests/0/evidence/counterexample`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
  assert.match(res.headers.get("content-security-policy") ?? "", /sandbox/);
  assert.match(await res.text(), /not linearizable on key k1/);
});

test("evidence that does not exist, or lies outside the judge home, is a 404", async () => {
  const id = await submit();
  await storeResult(id, { history: "/etc/hostname" });
  const base = `${api.base}/submissions/${id}/tests`;
  const outside = await request(`${base}/0/evidence/history`);
  assert.equal(outside.status, 404);
  assert.match(String(outside.body.error), /is gone/);
  const none = await request(`${base}/0/evidence/counterexample`);
  assert.equal(none.status, 404);
  assert.match(String(none.body.error), /has no evidence "counterexample"/);
  assert.equal((await request(`${base}/0/evidence/logs/node-9`)).status, 404);
  const noResult = await request(`${base}/5/evidence/history`);
  assert.equal(noResult.status, 404);
  assert.match(String(noResult.body.error), /has no result for scenario 5/);
});

test("POST /submissions/{id}/teardown publishes the teardown event; unknown id is 404", async () => {
  const id = await submit();
  const reply = await postJson(`${api.base}/submissions/${id}/teardown`, {});
  assert.equal(reply.status, 202);
  const leased = api.queue.take("teardown");
  assert.deepEqual(leased?.event, { submissionId: id, reason: "requested by the user" });
  api.queue.ack(leased!.seq);
  const missing = await postJson(`${api.base}/submissions/nope/teardown`, {});
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error, "no submission nope");
  assert.equal(api.queue.counts("teardown").ready, 0);
});

test("teardown of a submission whose cluster is gone is a 200 that publishes nothing", async () => {
  const id = await submit();
  await api.store.transition(id, (c) => ({ ...c, tornDownAt: Date.now() }));
  const reply = await postJson(`${api.base}/submissions/${id}/teardown`, {});
  assert.equal(reply.status, 200);
  assert.match(String(reply.body.message), /gone already/);
  assert.equal(api.queue.counts("teardown").ready, 0);
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads an event stream to its end, calling `onEvent` as each event arrives. */
async function readEvents(url: string, onEvent: (e: SseEvent) => void): Promise<SseEvent[]> {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      const parsed = { event, data: JSON.parse(data) as Record<string, unknown> };
      events.push(parsed);
      onEvent(parsed);
    }
  }
  return events;
}

test("GET /submissions/{id}/events streams stages, results, teardown and the end, then closes", async () => {
  const id = await submit();
  let moved = false;
  const events = await readEvents(`${api.base}/submissions/${id}/events`, (e) => {
    // Once the stream shows the submission, the pipeline's writes begin.
    if (e.event !== "submission" || moved) return;
    moved = true;
    void (async () => {
      for (const status of ["building", "deploying", "testing"] as const) await moveTo(id, status);
      await api.store.putProgress(id, {
        index: 0,
        atMs: Date.now(),
        scenario: "leader_election",
        phase: "workload",
        faults: [],
        opsDone: 3,
        elapsedMs: 500,
      });
      await storeResult(id);
      await moveTo(id, "completed");
      await api.store.transition(id, (c) => ({ ...c, tornDownAt: Date.now() }));
    })();
  });
  const statuses = events.filter((e) => e.event === "submission").map((e) => e.data.status);
  assert.deepEqual(statuses, [
    "queued",
    "building",
    "deploying",
    "testing",
    "completed",
    "completed", // torn down: only then is it finished
  ]);
  assert.ok(events.some((e) => e.event === "progress" && e.data.phase === "workload"));
  const result = events.find((e) => e.event === "result");
  assert.equal((result?.data.result as ScenarioResult).verdict, "pass");
  assert.deepEqual(events.at(-1), { event: "end", data: { status: "completed" } });
  assert.ok(!events.some((e) => "files" in e.data), "the stream must not carry the files");
});

test("the event stream of a finished submission replays it and ends; unknown is 404", async () => {
  const id = await submit();
  for (const status of ["building", "deploying", "testing"] as const) await moveTo(id, status);
  await storeResult(id);
  await moveTo(id, "completed");
  await api.store.transition(id, (c) => ({ ...c, tornDownAt: Date.now() }));
  const events = await readEvents(`${api.base}/submissions/${id}/events`, () => {});
  assert.deepEqual(
    events.map((e) => e.event),
    ["submission", "result", "end"],
  );
  const missing = await request(`${api.base}/submissions/nope/events`);
  assert.equal(missing.status, 404);
});
