// The whole pipeline as it runs in the cloud, on this machine: Firestore and Pub/Sub are
// Google's emulators, each step is its function's bundle served by the functions framework on
// loopback, fed by a Pub/Sub push subscription, and the builder and cluster are the local
// ones. Pub/Sub delivers at least once, so the relay in front of the functions
// (push-relay.ts) delivers every message twice: once as pushed, and once more a little later,
// as Pub/Sub does when it redelivers a message already acknowledged. The relay adds the OIDC
// token a push subscription would (test-pusher.ts), which each function checks as deployed.
// The reference Raft (one scenario) must still reach its verdict with one build, one deploy
// and one result.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { acceptSubmission } from "../../functions/submit/accept.ts";
import { isFinished } from "../../shared/pipeline/finished.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import { waitFor } from "../contract/wait.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../support/emulators.ts";
import { buildTestBundles, type Served, type TestBundles } from "./bundles.ts";
import {
  emulatedStepPorts,
  serveSteps,
  STEP_FUNCTIONS,
  type EmulatedPorts,
} from "./emulated-ports.ts";
import { PushRelay, subscribeThroughRelay } from "./push-relay.ts";
import { startTestPusher, type TestPusher } from "./test-pusher.ts";
import { skipIf } from "../support/skip.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const SOLUTION_DIR = join(REPO, "problems", "raft", "reference", "typescript");
const SCENARIO = "leader_election";
/** The second delivery of a message comes this long after the first was answered. */
const REDELIVERY_DELAY_MS = 2_000;
/** Build, deploy, one scenario and teardown, on a busy shared machine. */
const VERDICT_TIMEOUT_MS = 240_000;

const skip = emulatorMissing("firestore") ?? emulatorMissing("pubsub");

describe("the pipeline on emulated Firestore and Pub/Sub", skipIf(skip), () => {
  let firestore: RunningEmulator;
  let pubsubEmulator: RunningEmulator;
  let emulated: EmulatedPorts;
  let relay: PushRelay;
  let pusher: TestPusher;
  let root: string;
  let served = new Map<string, Served>();

  beforeAll(async () => {
    let bundles: TestBundles;
    [firestore, pubsubEmulator, bundles, pusher] = await Promise.all([
      startEmulator("firestore"),
      startEmulator("pubsub"),
      buildTestBundles(),
      startTestPusher(),
    ]);
    root = mkdtempSync(join(tmpdir(), "cj-pipeline-emulated-"));
    emulated = emulatedStepPorts({
      projectId: `cj-pipeline-${randomUUID().slice(0, 8)}`,
      firestoreHost: firestore.host,
      pubsubHost: pubsubEmulator.host,
      homeDir: root,
    });
    const names = STEP_FUNCTIONS.map((f) => f.name);
    served = await serveSteps(bundles.dir, names, emulated.ports, pusher.certsUrl);
    relay = new PushRelay((fn) => served.get(fn)!, pusher, {
      redeliverAfterMs: REDELIVERY_DELAY_MS,
    });
    await relay.start();
    await subscribeThroughRelay(emulated.pubsub, STEP_FUNCTIONS, relay);
  });

  afterAll(async () => {
    await relay?.close();
    await pusher?.close();
    for (const s of served.values()) await s.close();
    await emulated?.close();
    await Promise.all([firestore?.stop(), pubsubEmulator?.stop()]);
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(
    "judges the reference Raft, every message delivered twice",
    { timeout: VERDICT_TIMEOUT_MS },
    async () => {
      const files = Object.fromEntries(
        readdirSync(SOLUTION_DIR).map((f) => [f, readFileSync(join(SOLUTION_DIR, f), "utf8")]),
      );
      const submission = await acceptSubmission(
        { problem: "raft", language: "typescript", files, scenarios: [SCENARIO] },
        {
          store: emulated.store,
          bus: emulated.bus,
          scenarios: createScenarioRunner(),
          nowMs: () => Date.now(),
        },
      );
      let finished = false;
      await waitFor(
        "the verdict and the teardown",
        async () => {
          const s = await emulated.store.get(submission.id);
          finished = !!s && isFinished(s);
          return finished;
        },
        VERDICT_TIMEOUT_MS - 10_000,
      );
      await waitFor("every second delivery", () => relay.idle, 30_000);

      const s = (await emulated.store.get(submission.id))!;
      const results = await emulated.store.listResults(submission.id);
      assert.equal(s.status, "completed", JSON.stringify(s.error));
      assert.deepEqual(
        results.map((r) => [r.result.name, r.result.verdict]),
        [[SCENARIO, "pass"]],
        results[0]?.result.reason,
      );
      assert.deepEqual(s.outcome, { verdict: "accepted", passed: 1, total: 1 }, "stored once");
      assert.equal(emulated.builds(), 1, "one build");
      assert.equal(s.cluster?.deploys, 1, "one deploy");
      const byFunction = new Set(relay.deliveries.map((d) => d.fn));
      for (const f of ["submit", "build-complete", "deploy", "test-runner", "teardown"]) {
        assert.ok(byFunction.has(f), `${f} was called`);
      }
      for (const d of relay.deliveries) {
        assert.deepEqual(d.statuses, [204, 204], `${d.fn} ${d.messageId}: both deliveries handled`);
      }
    },
  );
});
