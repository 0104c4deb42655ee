// The whole pipeline as it runs in the cloud, on this machine: Firestore and Pub/Sub are
// Google's emulators, each step is its function's bundle served by the functions framework on
// loopback, fed by a Pub/Sub push subscription, and the builder and cluster are the local
// ones. Pub/Sub delivers at least once, so a relay in front of the functions delivers every
// message twice: once as pushed, and once more a little later, as Pub/Sub does when it
// redelivers a message already acknowledged. The emulator signs no OIDC token, so the relay
// adds the one a push subscription would (tests/functions/test-pusher.ts), which each
// function checks as deployed. The reference Raft (one scenario) must still
// reach its verdict with one build, one deploy and one result.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { PubSub } from "@google-cloud/pubsub";
import { CLOUD_FUNCTIONS } from "../../functions/cloud/catalog.ts";
import type { PortsFactory, StepFunctionPorts } from "../../functions/cloud/cloud-ports.ts";
import { acceptSubmission } from "../../functions/submit/accept.ts";
import { PubSubBus, pubSubClient } from "../../shared/adapters/gcp/bus/index.ts";
import { FirestoreStore, firestoreClient } from "../../shared/adapters/gcp/store/index.ts";
import { LocalBuilder } from "../../shared/adapters/local/builder/index.ts";
import { LocalCluster } from "../../shared/adapters/local/cluster/local-cluster.ts";
import type { Builder } from "../../shared/ports/builder.ts";
import { isFinished } from "../../shared/pipeline/finished.ts";
import { judgeHome } from "../../shared/pipeline/home.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import { waitFor } from "../contract/wait.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../support/emulators.ts";
import { buildTestBundles, loadBundle, serve, type Served, type TestBundles } from "./bundles.ts";
import { audienceOf, startTestPusher, type TestPusher } from "./test-pusher.ts";
import { skipIf } from "../support/skip.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const SOLUTION_DIR = join(REPO, "problems", "raft", "reference", "typescript");
const SCENARIO = "leader_election";
/** The second delivery of a message comes this long after the first was answered. */
const REDELIVERY_DELAY_MS = 2_000;
/** Build, deploy, one scenario and teardown, on a busy shared machine. */
const VERDICT_TIMEOUT_MS = 240_000;
/** Pub/Sub's longest: the build and the scenario each take well under it. */
const ACK_DEADLINE_S = 600;
/** The steps of one submission; the sweep and Cloud Build's topic have no part in it. */
const STEP_FUNCTIONS = CLOUD_FUNCTIONS.filter(
  (f) => f.topics.length && !["sweep"].includes(f.name),
);

const skip = emulatorMissing("firestore") ?? emulatorMissing("pubsub");

interface Delivery {
  fn: string;
  messageId: string;
  statuses: number[];
}

/** Forwards each push to its function, answers Pub/Sub, then delivers the message again. */
class DoublingRelay {
  readonly deliveries: Delivery[] = [];
  private pending = 0;
  private readonly server: Server;
  url = "";

  constructor(
    private readonly functions: Map<string, Served>,
    private readonly pusher: TestPusher,
  ) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => void this.relay(req.url!.slice(1), Buffer.concat(chunks), res));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private async relay(fn: string, body: Buffer, res: import("node:http").ServerResponse) {
    const served = this.functions.get(fn)!;
    const shape = {
      headers: { "content-type": "application/json", ...this.pusher.headers(audienceOf(fn)) },
      body: body.toString(),
    };
    const delivery: Delivery = {
      fn,
      messageId: JSON.parse(shape.body).message?.messageId ?? "?",
      statuses: [],
    };
    this.deliveries.push(delivery);
    this.pending++;
    try {
      const first = await served.post(shape);
      delivery.statuses.push(first.status);
      res.writeHead(first.status).end();
      await sleep(REDELIVERY_DELAY_MS);
      delivery.statuses.push((await served.post(shape)).status);
    } finally {
      this.pending--;
    }
  }
}

describe("the pipeline on emulated Firestore and Pub/Sub", skipIf(skip), () => {
  const project = `cj-pipeline-${randomUUID().slice(0, 8)}`;
  let firestore: RunningEmulator;
  let pubsubEmulator: RunningEmulator;
  let pubsub: PubSub;
  let bundles: TestBundles;
  let store: FirestoreStore;
  let bus: PubSubBus;
  let cluster: LocalCluster;
  let relay: DoublingRelay;
  let pusher: TestPusher;
  let root: string;
  const served = new Map<string, Served>();
  let builds = 0;

  beforeAll(async () => {
    [firestore, pubsubEmulator, bundles, pusher] = await Promise.all([
      startEmulator("firestore"),
      startEmulator("pubsub"),
      buildTestBundles(),
      startTestPusher(),
    ]);
    root = mkdtempSync(join(tmpdir(), "cj-pipeline-emulated-"));
    const home = judgeHome({ CLUSTERJUDGE_HOME: root });
    store = new FirestoreStore({
      firestore: firestoreClient({ projectId: project, emulatorHost: firestore.host }),
    });
    pubsub = pubSubClient({ projectId: project, emulatorHost: pubsubEmulator.host });
    bus = new PubSubBus({ pubsub });
    cluster = new LocalCluster();
    const localBuilder = new LocalBuilder(home);
    const builder: Builder = {
      build: (s) => {
        builds++;
        return localBuilder.build(s);
      },
    };
    const ports: Omit<StepFunctionPorts, "authenticatePush"> = {
      steps: {
        store,
        builder,
        cluster,
        scenarios: createScenarioRunner(),
        evidenceDir: async (id, scenario) => {
          const dir = home.scenarioDir(id, scenario);
          mkdirSync(dir, { recursive: true });
          return dir;
        },
        protoPath: (problem) => home.protoPath(problem),
        nowMs: () => Date.now(),
        warn: (m) => process.stderr.write(`warning: ${m}\n`),
      },
      bus,
      buildNotification: async () => null,
    };
    for (const f of STEP_FUNCTIONS) {
      const mod = await loadBundle<{ usePorts(p: PortsFactory<StepFunctionPorts>): void }>(
        bundles.dir,
        f.name,
      );
      mod.usePorts(() => ({ ...ports, authenticatePush: pusher.auth(audienceOf(f.name)) }));
      served.set(f.name, await serve(f.target));
    }
    relay = new DoublingRelay(served, pusher);
    await relay.start();
    for (const f of STEP_FUNCTIONS) {
      for (const topic of f.topics) {
        const [created] = await pubsub.createTopic(topic);
        await created.createSubscription(`${topic}-judge`, {
          ackDeadlineSeconds: ACK_DEADLINE_S,
          pushConfig: { pushEndpoint: `${relay.url}/${f.name}` },
        });
      }
    }
  });

  afterAll(async () => {
    await relay?.close();
    await pusher?.close();
    for (const s of served.values()) await s.close();
    await cluster?.teardownAll();
    await bus?.close();
    await pubsub?.close();
    await store?.close();
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
        { store, bus, scenarios: createScenarioRunner(), nowMs: () => Date.now() },
      );
      let finished = false;
      await waitFor(
        "the verdict and the teardown",
        async () => {
          const s = await store.get(submission.id);
          finished = !!s && isFinished(s);
          return finished;
        },
        VERDICT_TIMEOUT_MS - 10_000,
      );
      await waitFor("every second delivery", () => relay.idle, 30_000);

      const s = (await store.get(submission.id))!;
      const results = await store.listResults(submission.id);
      assert.equal(s.status, "completed", JSON.stringify(s.error));
      assert.deepEqual(
        results.map((r) => [r.result.name, r.result.verdict]),
        [[SCENARIO, "pass"]],
        results[0]?.result.reason,
      );
      assert.deepEqual(s.outcome, { verdict: "accepted", passed: 1, total: 1 }, "stored once");
      assert.equal(builds, 1, "one build");
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
