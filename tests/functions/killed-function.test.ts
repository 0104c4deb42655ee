// A function instance killed in the middle of a step, on the emulators: the pipeline of
// pipeline-emulated.test.ts, but the functions that hold the cluster (deploy, test-runner,
// teardown) run as one instance in a child process (fixtures/serve-functions.ts), since a
// local cluster lives in the process that deployed it, as a Cloud Run service outlives any
// one function instance. While test-runner runs the scenario (its claim and progress are
// in Firestore), the instance is SIGKILLed with its process group: its push breaks, the
// relay answers 502, and Pub/Sub delivers the message again with a higher deliveryAttempt,
// to a fresh instance. That delivery takes over the dead one's claim, runs the scenario on
// a cluster of its own, and the submission still reaches its verdict with one result, its
// cluster torn down, and nothing of either instance's clusters left on the machine.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { acceptSubmission } from "../../functions/submit/accept.ts";
import { defaultRootDir } from "../../shared/adapters/local/cluster/layout.ts";
import { scenarioStep } from "../../shared/domain/claim.ts";
import { isFinished } from "../../shared/pipeline/finished.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import { waitFor } from "../contract/wait.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../support/emulators.ts";
import { commandLine, groupMembers, listPids } from "../support/leftovers/proc.ts";
import { clusterCgroups, netnsNames, ownerPid } from "../support/leftovers/sandboxes.ts";
import { skipIf } from "../support/skip.ts";
import { buildTestBundles, httpEndpoint, type Served, type TestBundles } from "./bundles.ts";
import {
  emulatedStepPorts,
  serveSteps,
  STEP_FUNCTIONS,
  type EmulatedPorts,
  type EmulatedSetup,
} from "./emulated-ports.ts";
import type { ServeFunctionsArgs } from "./fixtures/serve-functions.ts";
import { PushRelay, subscribeThroughRelay, UNREACHABLE, type Endpoint } from "./push-relay.ts";
import { startTestPusher, type TestPusher } from "./test-pusher.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const SOLUTION_DIR = join(REPO, "problems", "raft", "reference", "typescript");
const FIXTURE = new URL("./fixtures/serve-functions.ts", import.meta.url).pathname;
const SCENARIO = "leader_election";
/** The functions that deploy, use and tear down a cluster: one instance, in a child. */
const INSTANCE_FUNCTIONS = ["deploy", "test-runner", "teardown"];
/** Build, deploy, the scenario begun, then a redeploy and the whole scenario, on a busy machine. */
const TEST_TIMEOUT_MS = 300_000;
/** An instance loads three bundles; the machine may be busy. */
const INSTANCE_START_MS = 90_000;
/** What the killed instance's cluster leaves may take its agents a moment to clear. */
const LEFTOVERS_SETTLE_MS = 20_000;

const skip = emulatorMissing("firestore") ?? emulatorMissing("pubsub");

/** One function instance: a child process serving INSTANCE_FUNCTIONS. */
class Instance {
  readonly child: ChildProcess;
  /** Each function's URL, once all listen. */
  readonly urls: Promise<Record<string, string>>;
  readonly exited: Promise<void>;
  private output = "";

  constructor(args: ServeFunctionsArgs) {
    // Its own process group, so a kill takes all of it; stdin tells it when the test is gone.
    this.child = spawn(process.execPath, ["--import", "tsx", FIXTURE, JSON.stringify(args)], {
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.exited = new Promise((r) => this.child.once("exit", () => r()));
    this.child.stderr!.on("data", (b: Buffer) => (this.output += b.toString()));
    this.urls = new Promise((resolve, reject) => {
      let out = "";
      this.child.stdout!.on("data", (b: Buffer) => {
        out += b.toString();
        const line = /^serving (.*)$/m.exec(out)?.[1];
        if (line) resolve(JSON.parse(line) as Record<string, string>);
      });
      void this.exited.then(() => reject(new Error(`the instance exited:\n${this.output}`)));
      setTimeout(
        () => reject(new Error(`the instance did not start:\n${this.output}`)),
        INSTANCE_START_MS,
      ).unref();
    });
    this.urls.catch(() => undefined); // seen by whoever waits for it
  }

  get pid(): number {
    return this.child.pid!;
  }

  async kill(): Promise<void> {
    try {
      process.kill(-this.pid, "SIGKILL");
    } catch {
      // gone already
    }
    await this.exited;
  }

  /** Asks it to tear down and leave; kills it if it will not. */
  async stop(): Promise<void> {
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => void this.kill(), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** What the local clusters of these deployers, and the process groups of the dead ones, left. */
function leftBy(deployers: readonly number[], dead: readonly number[]): string[] {
  const ours = (name: string) => deployers.includes(ownerPid(name) ?? -1);
  const folders = (() => {
    try {
      return readdirSync(defaultRootDir());
    } catch {
      return [];
    }
  })();
  const marks = deployers.map((pid) => `cj-${pid}-`);
  const processes = listPids().filter((pid) =>
    marks.some((m) => commandLine(pid)?.includes(m) ?? false),
  );
  return [
    ...folders.filter(ours).map((f) => `cluster folder ${f}`),
    ...netnsNames()
      .filter(ours)
      .map((n) => `network namespace ${n}`),
    ...clusterCgroups()
      .filter(ours)
      .map((c) => `cgroup ${c}`),
    ...processes.map((pid) => `process ${pid}: ${commandLine(pid)}`),
    ...dead.flatMap((pid) => groupMembers(pid).map((m) => `process ${m} of group ${pid}`)),
  ];
}

describe("a function instance killed mid-step, on the emulators", skipIf(skip), () => {
  let firestore: RunningEmulator;
  let pubsubEmulator: RunningEmulator;
  let bundles: TestBundles;
  let emulated: EmulatedPorts;
  let setup: EmulatedSetup;
  let relay: PushRelay;
  let pusher: TestPusher;
  let root: string;
  let served = new Map<string, Served>();
  let instance: Instance;
  const instances: Instance[] = [];
  const killAll = () => instances.forEach((i) => void i.kill());

  const startInstance = () => {
    instance = new Instance({
      setup,
      bundlesDir: bundles.dir,
      certsUrl: pusher.certsUrl,
      functions: INSTANCE_FUNCTIONS,
    });
    instances.push(instance);
  };

  /** The instance's functions are reached at the current instance, once it listens. */
  const endpoint = async (fn: string): Promise<Endpoint> =>
    INSTANCE_FUNCTIONS.includes(fn) ? httpEndpoint((await instance.urls)[fn]!) : served.get(fn)!;

  beforeAll(async () => {
    [firestore, pubsubEmulator, bundles, pusher] = await Promise.all([
      startEmulator("firestore"),
      startEmulator("pubsub"),
      buildTestBundles(),
      startTestPusher(),
    ]);
    root = mkdtempSync(join(tmpdir(), "cj-killed-function-"));
    setup = {
      projectId: `cj-killed-${randomUUID().slice(0, 8)}`,
      firestoreHost: firestore.host,
      pubsubHost: pubsubEmulator.host,
      homeDir: root,
    };
    emulated = emulatedStepPorts(setup);
    process.once("exit", killAll);
    startInstance();
    const here = STEP_FUNCTIONS.map((f) => f.name).filter((n) => !INSTANCE_FUNCTIONS.includes(n));
    served = await serveSteps(bundles.dir, here, emulated.ports, pusher.certsUrl);
    await instance.urls;
    relay = new PushRelay(endpoint, pusher);
    await relay.start();
    await subscribeThroughRelay(emulated.pubsub, STEP_FUNCTIONS, relay);
  });

  afterAll(async () => {
    await relay?.close();
    await instance?.stop();
    process.off("exit", killAll);
    await pusher?.close();
    for (const s of served.values()) await s.close();
    await emulated?.close();
    await Promise.all([firestore?.stop(), pubsubEmulator?.stop()]);
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(
    "judges the reference Raft, test-runner's instance killed while the scenario runs",
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { store } = emulated;
      const files = Object.fromEntries(
        readdirSync(SOLUTION_DIR).map((f) => [f, readFileSync(join(SOLUTION_DIR, f), "utf8")]),
      );
      const submission = await acceptSubmission(
        { problem: "raft", language: "typescript", files, scenarios: [SCENARIO] },
        { store, bus: emulated.bus, scenarios: createScenarioRunner(), nowMs: () => Date.now() },
      );
      const id = submission.id;
      let progressed = false;
      const unwatch = store.watch(id, (c) => {
        if (c.kind === "progress" && c.progress.index === 0) progressed = true;
      });
      try {
        await waitFor("the scenario to make progress", () => progressed, TEST_TIMEOUT_MS);
      } finally {
        unwatch();
      }
      const claim = (await store.get(id))?.claim;
      assert.equal(claim?.step, scenarioStep(0), "test-runner holds the scenario's claim");
      assert.equal(claim?.attempt, 1);

      const killed = instance;
      await killed.kill();
      startInstance();

      await waitFor(
        "the verdict and the teardown",
        async () => {
          const s = await store.get(id);
          return !!s && isFinished(s);
        },
        TEST_TIMEOUT_MS,
      ).catch((err: Error) => {
        throw new Error(`${err.message}; deliveries: ${JSON.stringify(relay.deliveries)}`);
      });
      await waitFor("the last answers", () => relay.idle, 30_000);

      const s = (await store.get(id))!;
      const results = await store.listResults(id);
      assert.equal(s.status, "completed", JSON.stringify(s.error));
      assert.deepEqual(
        results.map((r) => [r.result.name, r.result.verdict]),
        [[SCENARIO, "pass"]],
        results[0]?.result.reason,
      );
      assert.deepEqual(s.outcome, { verdict: "accepted", passed: 1, total: 1 });
      assert.equal(emulated.builds(), 1, "one build");
      // The killed instance's cluster died with it: the fresh one deployed its own.
      assert.equal(s.cluster?.deploys, 2, "the deploy, then the fresh instance's redeploy");

      const runs = relay.deliveries.filter((d) => d.fn === "test-runner");
      const log = JSON.stringify(runs);
      const broken = runs.filter((d) => d.statuses.includes(UNREACHABLE));
      assert.equal(broken.length, 1, `one push broke with the instance: ${log}`);
      assert.equal(broken[0]!.attempt, 1, log);
      const takenOver = runs.filter(
        (d) => d.messageId === broken[0]!.messageId && d.attempt >= 2 && d.statuses[0] === 204,
      );
      assert.equal(takenOver.length, 1, `a later attempt of that message did the work: ${log}`);

      let left: string[] = [];
      await waitFor(
        "no cluster of either instance left",
        () => (left = leftBy([killed.pid, instance.pid], [killed.pid])).length === 0,
        LEFTOVERS_SETTLE_MS,
      ).catch(() => assert.deepEqual(left, [], "left behind"));
    },
  );
});
