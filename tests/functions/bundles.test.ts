// `npm run build`'s bundles: one per function, each with a package.json Cloud Functions can
// install, none holding local-only code; every bundle loads and registers its function
// without touching the network; the functions framework's own command serves one.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, it } from "vitest";
import { CLOUD_FUNCTIONS } from "../../functions/cloud/catalog.ts";
import { CLOUD_ENV } from "../../functions/cloud/env.ts";
import { REGISTRY } from "../../problems/registry.ts";
import { FUNCTION_BUNDLES, NODE_MAJOR } from "../../scripts/build-functions.ts";
import { buildTestBundles, type TestBundles } from "./bundles.ts";
import { pushBody, type HttpShape } from "./pubsub-shapes.ts";
import { PUSHER, audienceOf, startTestPusher, type TestPusher } from "./test-pusher.ts";
import { PUSH_CERTS_URL_ENV, PUSH_ENV } from "../../functions/cloud/push-auth.ts";
import { emulatorMissing, startEmulator } from "../support/emulators.ts";
import { skipIf } from "../support/skip.ts";
import { freePort } from "../../shared/adapters/local/cluster/ports.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const FRAMEWORK_MAIN = join(
  REPO,
  "node_modules/@google-cloud/functions-framework/build/src/main.js",
);
/** How long the framework's command may take to listen on a busy machine. */
const LISTEN_TIMEOUT_MS = 30_000;

const firestoreSkip = emulatorMissing("firestore");

/** Every variable the functions read, set as in a deployed function. */
const DEPLOYED_ENV = Object.fromEntries(
  Object.values(CLOUD_ENV).map((name) => [name, `test-${name.toLowerCase()}`]),
);

describe("the function bundles", () => {
  let bundles: TestBundles;
  let pusher: TestPusher;
  beforeAll(async () => {
    [bundles, pusher] = await Promise.all([buildTestBundles(), startTestPusher()]);
  });
  afterAll(() => pusher?.close());

  /** The teardown function's environment as deployed, its push keys from the test pusher. */
  const teardownEnv = (): Record<string, string> => ({
    ...DEPLOYED_ENV,
    [PUSH_ENV.audience]: audienceOf("teardown"),
    [PUSH_ENV.serviceAccount]: PUSHER,
    [PUSH_CERTS_URL_ENV]: pusher.certsUrl,
  });
  const signed = (shape: HttpShape): HttpShape => ({
    ...shape,
    headers: { ...shape.headers, ...pusher.headers(audienceOf("teardown")) },
  });

  it("are one per function, with a package.json to install and run them", () => {
    assert.deepEqual(bundles.built.map((b) => b.name).sort(), [...FUNCTION_BUNDLES].sort());
    for (const b of bundles.built) {
      const manifest = JSON.parse(readFileSync(join(b.dir, "package.json"), "utf8"));
      assert.equal(manifest.main, "index.js");
      assert.equal(manifest.type, "module", "index.js is an ES module");
      assert.equal(manifest.engines.node, `${NODE_MAJOR}.x`);
      assert.ok(manifest.dependencies["@google-cloud/functions-framework"], b.name);
      assert.equal(manifest.dependencies["better-sqlite3"], undefined, `${b.name} needs no SQLite`);
      assert.ok(existsSync(join(b.dir, "index.js")));
    }
  });

  it("carry the files their code reads: every problem's proto and statement, Cloud Build's support files", () => {
    const dir = (name: string) => bundles.built.find((b) => b.name === name)!.dir;
    const runner = readFileSync(join(dir("test-runner"), "index.js"), "utf8");
    for (const problem of REGISTRY) {
      const { slug, protoFile } = problem;
      const proto = readFileSync(join(REPO, "problems", slug, protoFile), "utf8");
      // The judge's client reads its proto beside its source: copied as an asset.
      const asset = `problems__${slug}__${protoFile}`;
      assert.ok(runner.includes(`new URL("./assets/${asset}", import.meta.url)`), asset);
      assert.equal(readFileSync(join(dir("test-runner"), "assets", asset), "utf8"), proto);
      // Every step can hand each registered problem's proto to an agent or a build.
      for (const b of bundles.built)
        assert.equal(readFileSync(join(b.dir, "problems", slug, protoFile), "utf8"), proto);
      assert.ok(existsSync(join(dir("api"), "problems", slug, "statement.md")), slug);
    }
    const support = JSON.parse(
      readFileSync(join(dir("submit"), "support", "manifest.json"), "utf8"),
    );
    const paths = (support as { path: string }[]).map((e) => e.path);
    for (const path of paths) assert.ok(existsSync(join(dir("submit"), "support", path)), path);
    assert.ok(
      paths.some((p) => p.endsWith("agent.cjs")),
      "the agent goes into every image",
    );
  });

  it("load and register their functions without touching the network", () => {
    const files = bundles.built.map((b) => pathToFileURL(join(b.dir, "index.js")).href);
    const targets = CLOUD_FUNCTIONS.map((f) => f.target);
    const script = `
      import net from "node:net";
      import dns from "node:dns";
      const attempts = [];
      const connect = net.Socket.prototype.connect;
      net.Socket.prototype.connect = function (...args) {
        attempts.push("connect " + JSON.stringify(args[0]));
        return connect.apply(this, args);
      };
      const lookup = dns.lookup;
      dns.lookup = (host, ...rest) => { attempts.push("lookup " + host); return lookup(host, ...rest); };
      for (const file of ${JSON.stringify(files)}) await import(file);
      const { getFunction } = await import("@google-cloud/functions-framework/testing");
      const missing = ${JSON.stringify(targets)}.filter((t) => typeof getFunction(t) !== "function");
      await new Promise((r) => setTimeout(r, 500));
      console.log(JSON.stringify({ attempts, missing }));
    `;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: REPO,
      env: { PATH: process.env.PATH, ...DEPLOYED_ENV },
      encoding: "utf8",
    });
    assert.equal(child.status, 0, child.stderr);
    const report = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
    assert.deepEqual(report.missing, [], "every function is registered");
    assert.deepEqual(report.attempts, [], "nothing connected or looked up a host");
  });

  it("are served by the functions framework's own command, only to the push subscription", async () => {
    const cli = await serveWithCli(bundles, "teardown", teardownEnv());
    try {
      const stranger = await cli.post(pushBody({ data: "not json", messageId: "m-0" }));
      assert.equal(stranger.status, 401, cli.output());
      await cli.logged(/teardown: refused a call: no bearer token/);
      // A message that is no event is acknowledged without any port being used.
      const res = await cli.post(signed(pushBody({ data: "not json", messageId: "m-1" })));
      assert.equal(res.status, 204, cli.output());
      await cli.logged(/not base64 of a JSON event; acknowledged without handling/);
      await cli.logged(/CLUSTERJUDGE_PUSH_CERTS_URL=.*must never be set in a deployment/);
    } finally {
      cli.stop();
    }
  });

  it("refuse to run a step function without its push identity in the environment", async () => {
    const cli = await serveWithCli(bundles, "teardown", DEPLOYED_ENV);
    try {
      const res = await cli.post(signed(pushBody({ data: "not json", messageId: "m-3" })));
      assert.equal(res.status, 500, cli.output());
      await cli.logged(/lacks CLUSTERJUDGE_PUSH_AUDIENCE, CLUSTERJUDGE_PUSH_SERVICE_ACCOUNT/);
    } finally {
      cli.stop();
    }
  });

  it("build their ports from the environment Terraform sets", skipIf(firestoreSkip), async () => {
    const firestore = await startEmulator("firestore");
    // The client libraries read these themselves; Cloud Functions sets neither.
    const env = {
      ...teardownEnv(),
      GOOGLE_CLOUD_PROJECT: "judge-project",
      FIRESTORE_EMULATOR_HOST: firestore.host,
    };
    const cli = await serveWithCli(bundles, "teardown", env);
    try {
      const event = { submissionId: "no-such-submission", reason: "asked" };
      const res = await cli.post(
        signed(pushBody({ data: event, messageId: "m-2", deliveryAttempt: 1 })),
      );
      assert.equal(res.status, 204, cli.output());
      // The handler asked Firestore for the submission and found none.
      await cli.logged(/teardown: no submission no-such-submission; the event is ignored/);
    } finally {
      cli.stop();
      await firestore.stop();
    }
  });
});

interface CliServer {
  post(shape: HttpShape): Promise<Response>;
  /** Waits until the server's output matches, then asserts it does. */
  logged(pattern: RegExp): Promise<void>;
  output(): string;
  stop(): void;
}

/** A bundle served by `functions-framework --target --source`, as Cloud Functions runs it. */
async function serveWithCli(
  bundles: TestBundles,
  name: string,
  env: Record<string, string>,
): Promise<CliServer> {
  const port = await freePort();
  const dir = bundles.built.find((b) => b.name === name)!.dir;
  const target = CLOUD_FUNCTIONS.find((f) => f.name === name)!.target;
  const server = spawn(
    process.execPath,
    [FRAMEWORK_MAIN, `--target=${target}`, `--source=${dir}`, `--port=${port}`],
    { cwd: REPO, env: { PATH: process.env.PATH, ...env }, stdio: "pipe" },
  );
  let output = "";
  server.stdout.on("data", (d) => (output += d));
  server.stderr.on("data", (d) => (output += d));
  return {
    post: (shape) => postWhenListening(`http://127.0.0.1:${port}/`, shape),
    async logged(pattern) {
      const deadline = Date.now() + LISTEN_TIMEOUT_MS;
      while (!pattern.test(output) && Date.now() < deadline) await sleep(50);
      assert.match(output, pattern);
    },
    output: () => output,
    stop: () => server.kill("SIGTERM"),
  };
}

async function postWhenListening(url: string, shape: HttpShape): Promise<Response> {
  const deadline = Date.now() + LISTEN_TIMEOUT_MS;
  for (;;) {
    try {
      return await fetch(url, { method: "POST", headers: shape.headers, body: shape.body });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}
