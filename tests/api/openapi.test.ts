// Every route of the real app, called as a client would, each answer checked against the
// OpenAPI document the app serves (openapi-check.ts): a status the document does not list, a
// body its schema refuses or an event it does not name fails. The last test fails when a
// documented answer was never exercised here, or a registered route is not in the document.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  UndocumentedRouteError,
  documentedRouter,
  registeredRoutes,
} from "../../functions/api/documented-router.ts";
import { UnauthenticatedError } from "../../functions/api/ports.ts";
import type { SubmissionStatus } from "../../shared/domain/status.ts";
import { LANGUAGES } from "../../languages/registry.ts";
import type { Submission } from "../../shared/domain/submission.ts";
import { startApi, type ApiHarness, type ApiOptions } from "./harness.ts";
import { OpenApiChecker, answerKey, type OpenApiDocument } from "./openapi-check.ts";

const ORIGIN_MS = 1_700_000_000_000;
const SUBMISSION = { problemId: 1, language: "python", code: "print(1)\n" };

const harnesses: ApiHarness[] = [];
let api: ApiHarness;
let checker: OpenApiChecker;

async function started(opts: ApiOptions = {}): Promise<ApiHarness> {
  const harness = await startApi(opts);
  harnesses.push(harness);
  return harness;
}

beforeAll(async () => {
  api = await started();
  const document = (await (await fetch(`${api.base}/openapi.json`)).json()) as OpenApiDocument;
  checker = new OpenApiChecker(document);
});
afterAll(() => Promise.all(harnesses.map((h) => h.close())));

interface Call {
  body?: unknown;
  /** The body's Content-Type; JSON when a body is given without one. */
  type?: string;
  on?: ApiHarness;
}

/** One request, its answer checked against the document; the body as JSON or text. */
async function call(method: string, path: string, opts: Call = {}) {
  const { body, on = api } = opts;
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const res = await fetch(`${on.base}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: raw, headers: { "Content-Type": opts.type ?? "application/json" } }),
  });
  const text = await res.text();
  const checked = checker.check({ method, path, status: res.status, headers: res.headers, text });
  return { status: res.status, body: checked as Record<string, unknown> };
}

async function submit(on = api): Promise<string> {
  const { status, body } = await call("POST", "/submissions", { body: SUBMISSION, on });
  assert.equal(status, 202);
  return String(body.id);
}

async function moveTo(id: string, status: SubmissionStatus, extra: Partial<Submission> = {}) {
  const now = Date.now();
  await api.store.transition(id, (c) => ({
    ...c,
    ...extra,
    status,
    updatedAt: now,
    stageTimes: { ...c.stageTimes, [status]: now },
  }));
}

/** A result with every field, and evidence files of every kind, as the runner writes them. */
async function storeResult(id: string): Promise<void> {
  const dir = api.home.scenarioDir(id, "leader_election");
  await mkdir(join(dir, "logs"), { recursive: true });
  const message = { seq: 1, from: "node-0", to: "node-1", method: "/raft.ConsensusNode/Vote" };
  const files: Record<string, [string, string]> = {
    history: ["history.json", JSON.stringify({ format: "clusterjudge-history/v1", ops: [] })],
    messages: [
      "messages.jsonl",
      [
        { ...message, startMs: ORIGIN_MS, endMs: ORIGIN_MS + 3, status: 0, request: { term: 1 } },
        { ...message, startMs: ORIGIN_MS + 9, endMs: null, status: null, fault: "blackhole" },
      ]
        .map((m) => JSON.stringify({ ...m, requestBytes: 8, responseBytes: 2 }))
        .join("\n"),
    ],
    faults: ["faults.json", JSON.stringify({ originMs: ORIGIN_MS, timeline: [], windows: [] })],
    report: ["report.html", "<!doctype html><title>report</title>"],
    counterexample: ["counterexample.html", "<!doctype html><title>counterexample</title>"],
  };
  const evidence: Record<string, string> = {};
  for (const [kind, [name, text]] of Object.entries(files)) {
    evidence[kind] = join(dir, name);
    await writeFile(evidence[kind], text);
  }
  await writeFile(join(dir, "logs", "node-0.log"), "became leader in term 1\n");
  await api.store.putResult(id, 0, {
    name: "leader_election",
    verdict: "fail",
    reason: "two leaders in term 3",
    excerpt: ["node-0 leader term 3", "node-1 leader term 3"],
    durationMs: 20_000,
    seed: 7,
    properties: [{ property: "one leader per term", status: "violated", message: "two" }],
    stats: { ops: 3, ok: 2, fail: 1, unknown: 0, latencyP50Ms: 2, latencyP99Ms: 4, rpcsPerOp: 5 },
    evidence: { ...evidence, logs: { "node-0": join(dir, "logs", "node-0.log") } },
  });
}

test("the document is OpenAPI 3.1 and names every route the app registered", async () => {
  const { status, body } = await call("GET", "/openapi.json");
  assert.equal(status, 200);
  assert.equal(body.openapi, "3.1.0");
  const documented = new Set(
    Object.entries(checker.document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  assert.ok(registeredRoutes().size >= 10, "the app registered its routes");
  for (const route of registeredRoutes()) assert.ok(documented.has(route), route);
});

test("a route missing from the table cannot be registered, whatever its method", () => {
  const router = documentedRouter();
  const handler = () => undefined;
  assert.throws(() => router.get("/secret", handler), UndocumentedRouteError);
  assert.throws(() => router.post("/problems", handler), /POST \/problems is not in the/);
  assert.throws(() => router.put("/problems", handler), UndocumentedRouteError);
  assert.throws(() => router.route("/secret"), UndocumentedRouteError);
  router.get("/problems", handler);
});

test("problems, their details and templates, and what is not there", async () => {
  const list = await call("GET", "/problems");
  assert.equal(list.status, 200);
  assert.equal((await call("GET", "/problems/raft")).status, 200);
  assert.equal((await call("GET", "/problems/99")).status, 404);
  assert.equal((await call("GET", "/problems/1/template/python")).status, 200);
  const cobol = await call("GET", "/problems/1/template/cobol");
  assert.equal(cobol.status, 404);
  assert.match(
    String(cobol.body.error),
    new RegExp(`no language "cobol"; languages: ${[...LANGUAGES].sort().join(", ")}`),
  );
});

test("submitting: accepted, refused, too large, not JSON, too many, unauthenticated", async () => {
  await submit();
  assert.equal((await call("POST", "/submissions", { body: {} })).status, 400);
  const huge = JSON.stringify({ ...SUBMISSION, code: "x".repeat(4 * 1024 * 1024) });
  assert.equal((await call("POST", "/submissions", { body: huge })).status, 413);
  const plain = await call("POST", "/submissions", { body: "print(1)", type: "text/plain" });
  assert.equal(plain.status, 415);
  const limited = await started({ submissionRate: { limit: 1, windowMs: 3_600_000 } });
  await submit(limited);
  const refused = await call("POST", "/submissions", { body: SUBMISSION, on: limited });
  assert.equal(refused.status, 429);
});

test("a caller without an identity gets 401 from every route that asks for one", async () => {
  const identify = async () => {
    throw new UnauthenticatedError("sign in first");
  };
  const anonymous = await started({ identify });
  const sample: Record<string, string> = { id: "x", index: "0", kind: "history", node: "node-0" };
  const asking = Object.entries(checker.document.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.responses["401"])
      .map(([method]) => [method.toUpperCase(), path.replace(/\{(\w+)\}/g, (_, n) => sample[n]!)]),
  );
  assert.ok(asking.length >= 9, "the routes that identify their caller document 401");
  for (const [method, path] of asking) {
    const body = method === "POST" ? SUBMISSION : undefined;
    const { status } = await call(method!, path!, { body, on: anonymous });
    assert.equal(status, 401, `${method} ${path}`);
  }
});

test("a submission's life, its live events, results, evidence and teardown", async () => {
  const [id, failed] = [await submit(), await submit()];
  await moveTo(failed, "building");
  await moveTo(failed, "build_failed", {
    error: {
      stage: "build",
      message: "the build failed",
      diagnostics: [{ file: "main.py", line: 1, column: null, message: "invalid syntax" }],
      log: ["SyntaxError"],
    },
    build: { command: { argv: ["python3"], cwd: "/x" }, outDir: "/x", log: ["compiling"] },
  });
  await moveTo(id, "building");
  await moveTo(id, "deploying");
  const node = { id: "node-0", clientAddress: "127.0.0.1:7000" };
  const sandbox = [{ step: "bubblewrap", applied: true, detail: "ok" }];
  const cluster = { clusterId: "c1", nodes: [node], sandbox, deploys: 1, deployedAtMs: 1 };
  await moveTo(id, "testing", { cluster });

  // The stream opens on the submission as it is; every later change follows, then `end`.
  const stream = await fetch(`${api.base}/submissions/${id}/events`);
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("event: submission")) text += (await reader.read()).value ?? "";
  const progress = { scenario: "leader_election", phase: "faults", faults: ["node-0 killed"] };
  await api.store.putProgress(id, { ...progress, index: 0, atMs: 1, opsDone: 3, elapsedMs: 9 });
  await storeResult(id);
  await moveTo(id, "completed", { tornDownAt: Date.now(), tornDownReason: "after the verdict" });
  for (let read = await reader.read(); !read.done; read = await reader.read()) text += read.value;
  const path = `/submissions/${id}/events`;
  const { status, headers } = stream;
  const events = checker.check({ method: "GET", path, status, headers, text }) as {
    event: string;
  }[];
  const names = new Set(events.map((e) => e.event));
  assert.deepEqual([...names].sort(), ["end", "progress", "result", "submission"]);
  assert.equal((await call("GET", `/submissions/${failed}/events`)).status, 200);
  assert.equal((await call("GET", "/submissions/nope/events")).status, 404);
  // Past the bound of open streams (one here): a 429 until one closes.
  const bounded = await started({ eventStreamsMax: 1 });
  const held = await fetch(`${bounded.base}/submissions/${await submit(bounded)}/events`);
  const over = await call("GET", `/submissions/${await submit(bounded)}/events`, { on: bounded });
  assert.equal(over.status, 429);
  await held.body?.cancel();

  assert.equal((await call("GET", "/submissions")).status, 200);
  const page = await call("GET", "/submissions?limit=1");
  assert.equal(typeof page.body.nextCursor, "string");
  assert.equal((await call("GET", "/submissions?limit=0")).status, 400);
  for (const shown of [id, failed]) {
    assert.equal((await call("GET", `/submissions/${shown}`)).status, 200);
  }
  assert.equal((await call("GET", "/submissions/nope")).status, 404);
  assert.equal((await call("GET", `/submissions/${id}/tests`)).status, 200);
  assert.equal((await call("GET", "/submissions/nope/tests")).status, 404);

  const evidence = `/submissions/${id}/tests/0/evidence`;
  const window = await call("GET", `${evidence}/messages?fromMs=${ORIGIN_MS}`);
  assert.equal(window.body.total, 2);
  assert.equal((await call("GET", `${evidence}/messages?toMs=soon`)).status, 400);
  assert.equal((await call("GET", `/submissions/${id}/tests/4/evidence/messages`)).status, 404);
  for (const kind of ["history", "faults", "report", "counterexample", "logs/node-0"]) {
    assert.equal((await call("GET", `${evidence}/${kind}`)).status, 200, kind);
  }
  assert.equal((await call("GET", `${evidence}/logs/node-0?limit=1`)).status, 200);
  assert.equal((await call("GET", `${evidence}/logs/node-0?offset=x`)).status, 400);
  assert.equal((await call("GET", `${evidence}/nothing`)).status, 404);
  assert.equal((await call("GET", `${evidence}/logs/node-9`)).status, 404);

  assert.equal((await call("POST", `/submissions/${failed}/teardown`)).status, 202);
  assert.equal((await call("POST", `/submissions/${id}/teardown`)).status, 200);
  assert.equal((await call("POST", "/submissions/nope/teardown")).status, 404);
});

test("every documented answer was exercised above (500 aside: the judge's own failure)", () => {
  const missing = checker
    .documented()
    .filter((key) => !key.endsWith(" 500") && !checker.seen.has(key));
  assert.deepEqual(missing, [], "documented answers no test here exercised");
  assert.ok(checker.seen.has(answerKey("get", "/problems", 200)));
});
