// Every pipeline step's bundle, loaded in this process and served by the functions
// framework's test server, driven with the shapes Google delivers (push bodies, CloudEvents
// in binary and structured mode): each message reaches the step's handler, the submission
// moves, and the next event is published. Local adapters stand in for Firestore and Pub/Sub.
import assert from "node:assert/strict";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { PortsFactory, StepFunctionPorts } from "../../functions/cloud/cloud-ports.ts";
import {
  BUILD_MARKERS,
  JUDGE_TAG,
  SUBSTITUTIONS,
  parseCloudBuildNotification,
} from "../../shared/adapters/gcp/builder/index.ts";
import { IDLE_LIMIT_MS } from "../../functions/sweep/handler.ts";
import { TOPICS } from "../../shared/domain/events.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import { TEARDOWN_REASONS } from "../../shared/domain/teardown.ts";
import { findProblem } from "../../shared/domain/problems.ts";
import type { SubmissionStatus } from "../../shared/domain/status.ts";
import { newSubmission, type Submission } from "../../shared/domain/submission.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import {
  buildTestBundles,
  loadBundle,
  serve,
  targetOf,
  type Served,
  type TestBundles,
} from "./bundles.ts";
import { localStepPorts, type LocalStepPorts, type SharedStepPorts } from "./local-step-ports.ts";
import { PUSHER, audienceOf, startTestPusher, type TestPusher } from "./test-pusher.ts";
import { aResult } from "../contract/fixtures.ts";
import {
  binaryCloudEvent,
  pushBody,
  structuredCloudEvent,
  type HttpShape,
} from "./pubsub-shapes.ts";

const STEP_BUNDLES = [
  "submit",
  "build-complete",
  "deploy",
  "test-runner",
  "teardown",
  "dead-letter",
  "sweep",
];
/** The failed build's log tail as the logs bucket gives it: the toolchain's marker line. */
const DIAGNOSTIC = { file: "main.py", line: 3, column: 9, message: "SyntaxError: invalid syntax" };
const BUILD_LOG_TAIL = [
  `${BUILD_MARKERS.diagnostic} ${JSON.stringify(DIAGNOSTIC)}`,
  "ERROR: build step 0 failed",
];
const fixedLog = { tail: async () => BUILD_LOG_TAIL };

interface StepBundle {
  usePorts(factory: PortsFactory<StepFunctionPorts>): void;
}

const PATH_TO: Record<SubmissionStatus, SubmissionStatus[]> = {
  queued: [],
  building: ["building"],
  build_failed: ["building", "build_failed"],
  deploying: ["building", "deploying"],
  deploy_failed: ["building", "deploying", "deploy_failed"],
  testing: ["building", "deploying", "testing"],
  completed: ["building", "deploying", "testing", "completed"],
  failed: ["failed"],
};

const BUILT = {
  ok: true as const,
  command: { argv: ["/bin/false"], cwd: "/" },
  outDir: "/",
  log: ["built"],
};

let seq = 0;
const RAFT = findProblem("raft")!;

describe("the pipeline steps' bundles", () => {
  let bundles: TestBundles;
  let local: LocalStepPorts;
  let pusher: TestPusher;
  const served = new Map<string, Served>();
  const modules = new Map<string, StepBundle>();

  /** Function `name`'s ports: the shared ones, and the push check for its own URL. */
  const portsOf = (name: string, shared: SharedStepPorts) => () => ({
    ...shared,
    authenticatePush: pusher.auth(audienceOf(name)),
  });

  beforeAll(async () => {
    bundles = await buildTestBundles();
    pusher = await startTestPusher();
    local = localStepPorts((m) => parseCloudBuildNotification(m, fixedLog));
    for (const name of STEP_BUNDLES) {
      const mod = await loadBundle<StepBundle>(bundles.dir, name);
      mod.usePorts(portsOf(name, local.ports));
      modules.set(name, mod);
      served.set(name, await serve(targetOf(name)));
    }
  });

  afterAll(async () => {
    for (const s of served.values()) await s.close();
    await local?.dispose();
    await pusher?.close();
  });

  /** Function `name` as Pub/Sub's push subscription calls it: with its signed token. */
  const fn = (name: string) => ({
    post: (shape: HttpShape) =>
      served.get(name)!.post({
        ...shape,
        headers: { ...shape.headers, ...pusher.headers(audienceOf(name)) },
      }),
  });

  async function seed(
    status: SubmissionStatus,
    files = { "node.py": "print('hi')\n" },
    now = Date.now(),
  ) {
    let s: Submission = newSubmission(
      { problemId: RAFT.id, problem: RAFT.slug, language: "python", files, scenarios: ["basic"] },
      { id: `fn-${process.pid}-${++seq}`, nowMs: now, seed: 7 },
    );
    await local.store.create(s);
    for (const to of PATH_TO[status]) {
      const fields =
        to === "deploying"
          ? { build: { command: BUILT.command, outDir: "/", log: [] } }
          : to === "testing"
            ? {
                cluster: { clusterId: s.id, nodes: [], sandbox: [], deploys: 1, deployedAtMs: now },
              }
            : {};
      // No scenario ran on the way: a terminal status's outcome counts no results.
      const moved = await local.store.transition(s.id, (c) =>
        advance(c, to, now, { ...fields, results: [] }),
      );
      s = moved.submission;
    }
    return s;
  }

  const status = async (id: string) => (await local.store.get(id))?.status;

  it("submit (push body): builds, and publishes build-complete with the outcome", async () => {
    const s = await seed("queued", { "node.py": "def broken(:\n" });
    const res = await fn("submit").post(
      pushBody({ data: { submissionId: s.id }, messageId: "submit-1", deliveryAttempt: 1 }),
    );
    assert.equal(res.status, 204, res.text);
    assert.equal(await status(s.id), "building");
    const [event, ...more] = local.drain(TOPICS.buildComplete) as {
      submissionId: string;
      outcome: { ok: boolean };
    }[];
    assert.equal(more.length, 0);
    assert.equal(event?.submissionId, s.id);
    assert.equal(event?.outcome.ok, false, "a syntax error fails the build");

    const done = await fn("build-complete").post(
      binaryCloudEvent({ data: event, messageId: "bc-1", topic: "cj-test-build-complete" }),
    );
    assert.equal(done.status, 204, done.text);
    assert.equal(await status(s.id), "build_failed");
    assert.deepEqual(local.drain(TOPICS.deploy), []);
  });

  it("build-complete (structured CloudEvent): a good build deploys next", async () => {
    const s = await seed("building");
    const res = await fn("build-complete").post(
      structuredCloudEvent({ data: { submissionId: s.id, outcome: BUILT }, messageId: "bc-2" }),
    );
    assert.equal(res.status, 204, res.text);
    assert.equal(await status(s.id), "deploying");
    assert.deepEqual(local.drain(TOPICS.deploy), [{ submissionId: s.id }]);
  });

  it("deploy (push body): a node that cannot start fails the deploy and tears down", async () => {
    const s = await seed("deploying");
    const res = await fn("deploy").post(
      pushBody({ data: { submissionId: s.id }, messageId: "deploy-1", deliveryAttempt: 1 }),
    );
    assert.equal(res.status, 204, res.text);
    const after = await local.store.get(s.id);
    assert.equal(after?.status, "deploy_failed");
    assert.equal(after?.error?.stage, "deploy");
    assert.deepEqual(local.drain(TOPICS.teardown), [
      { submissionId: s.id, reason: TEARDOWN_REASONS.deployFailed },
    ]);
  });

  it("test-runner: the push body's delivery attempt reaches the handler", async () => {
    const s = await seed("testing");
    await local.store.putResult(s.id, 0, passed("basic"));
    const event = { submissionId: s.id, scenarioIndex: 0 };
    // A first delivery of a stored scenario is a duplicate: nothing is published.
    const first = await fn("test-runner").post(
      pushBody({ data: event, messageId: "tr-1", deliveryAttempt: 1 }),
    );
    assert.equal(first.status, 204, first.text);
    assert.equal(await status(s.id), "testing");
    assert.deepEqual(local.drain(TOPICS.teardown), []);
    // A redelivery may come from an attempt that stored and died: it finishes the work.
    const again = await fn("test-runner").post(
      pushBody({ data: event, messageId: "tr-1", deliveryAttempt: 2 }),
    );
    assert.equal(again.status, 204, again.text);
    assert.equal(await status(s.id), "completed");
    assert.deepEqual(local.drain(TOPICS.teardown), [
      { submissionId: s.id, reason: TEARDOWN_REASONS.afterVerdict },
    ]);
  });

  it("teardown (binary CloudEvent): records that the cluster is gone", async () => {
    const s = await seed("completed");
    const res = await fn("teardown").post(
      binaryCloudEvent({
        data: { submissionId: s.id, reason: TEARDOWN_REASONS.afterVerdict },
        messageId: "td-1",
      }),
    );
    assert.equal(res.status, 204, res.text);
    const stored = await local.store.get(s.id);
    assert.notEqual(stored?.tornDownAt, undefined);
    assert.equal(stored?.tornDownReason, TEARDOWN_REASONS.afterVerdict);
  });

  it("dead-letter (push body with Pub/Sub's attributes): the submission fails, naming the step", async () => {
    const s = await seed("testing");
    // One scenario passed before the judge gave up: the outcome counts it.
    await local.store.putResult(s.id, 0, aResult("basic"));
    const res = await fn("dead-letter").post(
      pushBody({
        data: { submissionId: s.id, scenarioIndex: 0 },
        messageId: "dl-1",
        // What our publisher set, and what Pub/Sub's dead-letter policy added.
        attributes: {
          submissionId: s.id,
          eventKind: TOPICS.testRunner,
          CloudPubSubDeadLetterSourceDeliveryCount: "5",
          CloudPubSubDeadLetterSourceSubscription: "test-runner-judge",
        },
      }),
    );
    assert.equal(res.status, 204, res.text);
    const after = await local.store.get(s.id);
    assert.equal(after?.status, "failed");
    assert.match(after?.error?.message ?? "", /test-runner step failed 5 times/);
    assert.deepEqual(after?.outcome, { verdict: "judge_error", passed: 1, total: 1 });
    assert.deepEqual(local.drain(TOPICS.teardown), [
      { submissionId: s.id, reason: TEARDOWN_REASONS.judgeFailed },
    ]);
  });

  it("build-complete (binary CloudEvent from cloud-builds): a failed build, with its log", async () => {
    const s = await seed("building");
    const build = (status: string) => ({
      id: `b-${s.id}`,
      status,
      tags: [JUDGE_TAG],
      substitutions: { [SUBSTITUTIONS.submissionId]: s.id },
      logsBucket: "gs://judge-project-clusterjudge-submissions",
    });
    const notify = (status: string, messageId: string) =>
      fn("build-complete").post(
        binaryCloudEvent({
          data: build(status),
          messageId,
          topic: "cloud-builds",
          attributes: { buildId: `b-${s.id}`, status },
        }),
      );
    // Not final yet: acknowledged, nothing changes.
    assert.equal((await notify("WORKING", "cb-1")).status, 204);
    assert.equal(await status(s.id), "building");
    assert.equal((await notify("FAILURE", "cb-2")).status, 204);
    const after = await local.store.get(s.id);
    assert.equal(after?.status, "build_failed");
    assert.deepEqual(after?.error?.diagnostics, [DIAGNOSTIC]);
    assert.deepEqual(local.drain(TOPICS.deploy), []);
  });

  it("sweep (push body from the scheduler's topic): tears down a cluster idle too long", async () => {
    const idle = await seed("testing", undefined, Date.now() - IDLE_LIMIT_MS - 60_000);
    const busy = await seed("testing");
    const res = await fn("sweep").post(
      pushBody({ data: { reason: "schedule" }, messageId: "sw-1", attributes: {} }),
    );
    assert.equal(res.status, 204, res.text);
    const asked = local.drain(TOPICS.teardown) as { submissionId: string; reason: string }[];
    assert.deepEqual(
      asked.map((e) => e.submissionId),
      [idle.id],
      `only the idle cluster goes, not ${busy.id}`,
    );
    assert.match(asked[0]!.reason, /^idle for \d+ min$/);
  });

  it("acknowledges what can never be handled, and changes nothing", async () => {
    const s = await seed("building");
    const cases = [
      pushBody({ data: "{not json", messageId: "bad-1" }),
      pushBody({ data: { submissionId: s.id, outcome: "great" }, messageId: "bad-2" }),
      { headers: { "content-type": "application/json" }, body: JSON.stringify({ hello: 1 }) },
      {
        ...binaryCloudEvent({ data: { submissionId: s.id }, messageId: "bad-3" }),
        headers: {
          "content-type": "application/json",
          "ce-type": "google.cloud.storage.object.v1.finalized",
          "ce-id": "x",
          "ce-source": "//storage",
          "ce-specversion": "1.0",
        },
      },
    ];
    for (const shape of cases) {
      const res = await fn("build-complete").post(shape);
      assert.equal(res.status, 204, `${shape.body}: ${res.text}`);
    }
    assert.equal(await status(s.id), "building");
    assert.deepEqual(local.drain(TOPICS.deploy), []);
  });

  it("refuses every caller but the push subscription before reading the message", async () => {
    const s = await seed("deploying");
    const push = pushBody({ data: { submissionId: s.id }, messageId: "deploy-x" });
    const url = audienceOf("deploy");
    const past = Math.floor(Date.now() / 1000) - 7200;
    const callers: [string, Record<string, string>, number, RegExp][] = [
      ["no token", {}, 401, /no bearer token/],
      ["not a bearer", { authorization: `Basic ${pusher.token(url)}` }, 401, /no bearer token/],
      [
        "another function's token (replayed)",
        { authorization: `Bearer ${pusher.token(audienceOf("teardown"))}` },
        401,
        /refused: Wrong recipient/,
      ],
      [
        "signed by another key",
        { authorization: `Bearer ${pusher.token(url, {}, "stranger")}` },
        401,
        /refused: Invalid token signature/,
      ],
      [
        "expired",
        { authorization: `Bearer ${pusher.token(url, { iat: past, exp: past + 3600 })}` },
        401,
        /refused: Token used too late/,
      ],
      [
        "not Google's issuer",
        { authorization: `Bearer ${pusher.token(url, { iss: "https://evil.example" })}` },
        401,
        /refused: Invalid issuer/,
      ],
      [
        "a node's account",
        {
          authorization: `Bearer ${pusher.token(url, { email: "judge-nodes@judge-project.iam.gserviceaccount.com" })}`,
        },
        403,
        /judge-nodes@judge-project\.iam\.gserviceaccount\.com's, not the push subscription's/,
      ],
      [
        "the pusher, email not verified",
        { authorization: `Bearer ${pusher.token(url, { email_verified: false })}` },
        403,
        new RegExp(`${PUSHER.replaceAll(".", "\\.")}'s, not the push subscription's`),
      ],
    ];
    for (const [who, headers, code, why] of callers) {
      const res = await served.get("deploy")!.post({
        ...push,
        headers: { ...push.headers, ...headers },
      });
      assert.equal(res.status, code, `${who}: ${res.text}`);
      assert.match(res.text, why, who);
    }
    assert.equal(await status(s.id), "deploying", "no call reached the handler");
    assert.deepEqual(local.drain(TOPICS.testRunner), []);
    assert.deepEqual(local.drain(TOPICS.teardown), []);
    const res = await fn("deploy").post(push);
    assert.equal(res.status, 204, `the push subscription's own call goes through: ${res.text}`);
    assert.equal(await status(s.id), "deploy_failed");
    local.drain(TOPICS.teardown);
  });

  it("answers 500 when the handler fails, so Pub/Sub delivers again", async () => {
    const broken = localStepPorts(async () => null);
    await broken.store.close(); // every store call now fails
    const teardown = modules.get("teardown")!;
    teardown.usePorts(portsOf("teardown", broken.ports));
    try {
      const res = await fn("teardown").post(
        pushBody({ data: { submissionId: "any", reason: "x" }, messageId: "td-err" }),
      );
      assert.equal(res.status, 500);
      assert.match(res.text, /teardown failed/);
    } finally {
      teardown.usePorts(portsOf("teardown", local.ports));
      await broken.dispose().catch(() => undefined);
    }
  });
});

function passed(name: string): ScenarioResult {
  return {
    name,
    verdict: "pass",
    reason: "every property held",
    durationMs: 1,
    seed: 7,
    stats: { ops: 0, ok: 0, fail: 0, unknown: 0, latencyP50Ms: 0, latencyP99Ms: 0, rpcsPerOp: 0 },
    evidence: {},
  };
}
