// The cloud web UI in a real browser, as a deployment serves it: the api function's bundle
// (`npm run build`'s output, under the functions framework) serves the UI and its
// /config.json from the environment, and the API; Firebase Auth is the Auth emulator (the
// firebase-tools CLI, an optional install: `npm run setup:cloud-ui`), Firestore the SDK's
// emulator under firestore/firestore.rules. Alice creates an account with email and password,
// submits through the form, and follows her run live from Firestore to a verdict and its
// plots while the judge's FirestoreStore writes it. (The Google pop-up cannot be driven here:
// even against the emulator the SDK loads Google's script from the web.) Bob, signed in after
// her, sees none of it: the API answers 404 and the Firestore rules refuse his reads. Signed
// out, the UI asks to sign in and the API answers 401. Skips by name when an emulator is
// missing, except the Auth emulator in CI (below).
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { problemTextsFromFolders } from "../../functions/api/texts-from-folders.ts";
import type { ApiPortsFactory } from "../../functions/cloud/api.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import { evidenceFiles } from "../../server/evidence-files.ts";
import { LocalQueue } from "../../shared/adapters/local/queue/index.ts";
import { FirestoreStore, firestoreClient } from "../../shared/adapters/gcp/store/index.ts";
import type { SubmissionStatus } from "../../shared/domain/status.ts";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";
import { aResult } from "../contract/fixtures.ts";
import { buildTestBundles, loadBundle, serve, type Served } from "../functions/bundles.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../support/emulators.ts";
import { launchChromium, type Browser } from "./chromium.ts";
import { skipIf } from "../support/skip.ts";

/**
 * Skipped by name where an emulator is missing, so a developer without the optional Auth
 * emulator sees the step that installs it. Not in CI, whose .ci/run installs it: there a
 * missing Auth emulator fails the suite with that step's name, so this test cannot drop out
 * of CI unnoticed.
 */
const skip = emulatorMissing("firestore") ?? (process.env.CI ? undefined : emulatorMissing("auth"));
/** A "demo-" project: the emulators need no credentials and reach nothing outside. */
const PROJECT = `demo-cj-${randomUUID().slice(0, 8)}`;
const RULES = join(REPO_ROOT, "firestore", "firestore.rules");
const ORIGIN_MS = 1_700_000_000_000;
const SCENARIO = "leader_election";
/** Screenshots for a person to look at (not compared): the sign-in panel, alice's run. */
const ARTEFACTS = join(REPO_ROOT, "tmp", "artefacts");
const ALICE = { email: "alice@example.com", password: "alice-secret" };
const BOB = { email: "bob@example.com", password: "bob-secret" };

let firestore: RunningEmulator;
let auth: RunningEmulator;
let store: FirestoreStore;
let queue: LocalQueue;
let served: Served;
let browser: Browser;
let page: Page;
let scratch: string;
/** Every API request the page made, with its Authorization header. */
const apiCalls: { url: string; authorization: string | undefined }[] = [];

/** A scenario's evidence files, small but in the formats the runner writes. */
function writeEvidence(dir: string) {
  mkdirSync(join(dir, "logs"), { recursive: true });
  const ops = [0, 1, 2, 3].map((i) => ({
    id: i,
    client: `c${i % 2}`,
    f: "put",
    key: "k1",
    value: `v${i}`,
    output: null,
    type: i === 3 ? "info" : "ok",
    startMs: ORIGIN_MS + i * 300,
    endMs: i === 3 ? null : ORIGIN_MS + i * 300 + 40,
  }));
  const files = {
    history: join(dir, "history.json"),
    faults: join(dir, "faults.json"),
    messages: join(dir, "messages.jsonl"),
  };
  writeFileSync(files.history, JSON.stringify({ originMs: ORIGIN_MS, ops }));
  writeFileSync(
    files.faults,
    JSON.stringify({
      originMs: ORIGIN_MS,
      timeline: [{ atMs: ORIGIN_MS + 500, event: "begin", description: "killed node-0" }],
      windows: [{ startMs: ORIGIN_MS + 500, endMs: ORIGIN_MS + 900, description: "killed node-0" }],
    }),
  );
  const message = {
    seq: 1,
    from: "node-0",
    to: "node-1",
    method: "/raft.ConsensusNode/AppendEntries",
    startMs: ORIGIN_MS + 100,
    endMs: ORIGIN_MS + 104,
    requestBytes: 10,
    responseBytes: 4,
    status: 0,
  };
  writeFileSync(files.messages, `${JSON.stringify(message)}\n`);
  writeFileSync(join(dir, "logs", "node-0.log"), "leader in term 1\n");
  return { ...files, logs: { "node-0": join(dir, "logs", "node-0.log") } };
}

/** The environment Terraform gives the api function, pointed at the emulators. */
function useCloudEnv(): void {
  Object.assign(process.env, {
    GOOGLE_CLOUD_PROJECT: PROJECT,
    CLUSTERJUDGE_FIREBASE_API_KEY: "emulator-api-key",
    CLUSTERJUDGE_FIREBASE_AUTH_DOMAIN: `${PROJECT}.firebaseapp.com`,
    CLUSTERJUDGE_SIGN_IN_METHODS: "google,password",
    FIREBASE_AUTH_EMULATOR_HOST: auth.host,
    FIRESTORE_EMULATOR_HOST: firestore.host,
  });
}

beforeAll(async () => {
  if (skip) return;
  const authMissing = emulatorMissing("auth");
  if (authMissing) throw new Error(`${authMissing}; CI runs it in .ci/run, so CI does not skip`);
  [firestore, auth] = await Promise.all([
    startEmulator("firestore", { rulesPath: RULES }),
    startEmulator("auth", { projectId: PROJECT }),
  ]);
  useCloudEnv();
  const bundles = await buildTestBundles();
  store = new FirestoreStore({
    firestore: firestoreClient({ projectId: PROJECT, emulatorHost: firestore.host }),
  });
  scratch = mkdtempSync(join(tmpdir(), "cj-cloud-ui-"));
  queue = new LocalQueue({ path: join(scratch, "queue.db") });
  const api = await loadBundle<{ usePorts(f: ApiPortsFactory): void }>(bundles.dir, "api");
  // The bundle's own caller check (Firebase ID tokens, here the Auth emulator's); the store is
  // Firestore's; the bus and the evidence stay on this machine.
  api.usePorts((identify) => ({
    store,
    bus: queue,
    scenarios: createScenarioRunner(),
    texts: problemTextsFromFolders(bundles.built.find((b) => b.name === "api")!.dir),
    evidence: evidenceFiles(scratch),
    identify,
    nowMs: () => Date.now(),
  }));
  served = await serve("api");
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("request", (r) => {
    if (r.url().includes("/api/distributed/"))
      apiCalls.push({ url: r.url(), authorization: r.headers()["authorization"] });
  });
});

afterAll(async () => {
  if (skip) return;
  await browser?.close();
  await served?.close();
  await store?.close();
  await queue?.close();
  await Promise.all([firestore?.stop(), auth?.stop()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function moveTo(id: string, status: SubmissionStatus, extra: object = {}): Promise<void> {
  const now = Date.now();
  await store.transition(id, (c) => ({
    ...c,
    ...extra,
    status,
    updatedAt: now,
    stageTimes: { ...c.stageTimes, [status]: now },
  }));
}

/** A user's ID token straight from the Auth emulator's REST API, as the SDK gets it. */
async function idTokenOf(user: { email: string; password: string }): Promise<string> {
  const res = await fetch(
    `http://${auth.host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=k`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...user, returnSecureToken: true }),
    },
  );
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { idToken: string }).idToken;
}

const uidOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { sub: string }).sub;

const apiGet = (path: string, token?: string) =>
  fetch(`${served.url}api/distributed/${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function createAccount(user: { email: string; password: string }): Promise<void> {
  await page.goto(`${served.url}#/sign-in`);
  await page.fill("#sign-in-email", user.email);
  await page.fill("#sign-in-password", user.password);
  await page.click("#create-account");
  await page.locator("[data-testid=signed-in-as]", { hasText: user.email }).waitFor();
}

let aliceRun = "";

test("signed out, the cloud UI asks to sign in and the API answers 401", skipIf(skip), async () => {
  const config = (await (await fetch(`${served.url}config.json`)).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(config.dataSource, "firestore");
  assert.equal(config.firebase.projectId, PROJECT);
  assert.deepEqual(config.signIn, ["google", "password"]);
  assert.deepEqual(config.emulators, { auth: auth.host, firestore: firestore.host });
  await page.goto(`${served.url}#/submissions`);
  await page.locator("[data-testid=sign-in]", { hasText: "Sign in to see your runs" }).waitFor();
  await page.locator("#sign-in-google").waitFor();
  await page.locator("[data-testid=sign-in-link]").waitFor();
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, "cloud-ui-sign-in.png") });
  const refused = await apiGet("submissions");
  assert.equal(refused.status, 401);
  assert.match(((await refused.json()) as { error: string }).error, /sign in/);
  // The problems stay public; the submit form waits for a user.
  await page.goto(`${served.url}#/problems/1`);
  await page.locator("[data-testid=sign-in]", { hasText: "Sign in to submit code" }).waitFor();
  assert.equal(await page.locator("[data-testid=submit-form]").count(), 0);
});

test(
  "alice signs up, submits, and follows her run live from Firestore to a verdict",
  { ...skipIf(skip), timeout: 180_000 },
  async () => {
    const failures: string[] = [];
    page.on("pageerror", (err) => failures.push(err.message));
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    await createAccount(ALICE);
    await page.goto(`${served.url}#/problems/1`);
    await page.waitForSelector("[data-testid=submit-form]");
    await page.selectOption("#language", "python");
    // The Python template, not the first language's still on show while it loads.
    await page.waitForSelector("[data-testid=file-tabs] button:text-is('main.py')");
    for (const box of await page.$$("input[data-scenario]")) {
      await box.setChecked((await box.getAttribute("data-scenario")) === SCENARIO);
    }
    apiCalls.length = 0;
    await page.click("#submit");
    await page.waitForURL(/#\/submissions\/[^/]+$/);
    aliceRun = decodeURIComponent(page.url().split("#/submissions/")[1]!);
    const status = page.locator("[data-testid=status]");
    await status.filter({ hasText: /^queued$/ }).waitFor({ timeout: 30_000 });
    const owner = (await store.get(aliceRun))?.ownerId;
    assert.equal(owner, uidOf(await idTokenOf(ALICE)), "the submission is alice's");

    await moveTo(aliceRun, "building");
    await status.filter({ hasText: /^building$/ }).waitFor();
    await moveTo(aliceRun, "deploying");
    await moveTo(aliceRun, "testing");
    await store.putProgress(aliceRun, {
      index: 0,
      atMs: Date.now(),
      scenario: SCENARIO,
      phase: "faults",
      faults: ["killed node-0"],
      opsDone: 12,
      elapsedMs: 3000,
    });
    const row = page.locator(`tr[data-scenario=${SCENARIO}]`);
    await row.filter({ hasText: "killed node-0" }).waitFor();
    const evidence = writeEvidence(join(scratch, aliceRun, SCENARIO));
    await store.putResult(aliceRun, 0, { ...aResult(SCENARIO), evidence });
    // Written without an outcome, as documents stored before outcomes were: the page derives it.
    await moveTo(aliceRun, "completed", { tornDownAt: Date.now() });
    await row.locator("[data-testid=verdict]", { hasText: "pass" }).waitFor();
    await page.locator("h1 [data-testid=outcome]", { hasText: "Accepted" }).waitFor();
    assert.equal(await page.locator("[data-testid=outcome-summary]").textContent(), "1/1 passed");
    await page.locator("[data-testid=timeline-plot] svg").first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTEFACTS, "cloud-ui-run.png") });
    assert.deepEqual(failures, [], "the page threw errors");
    assert.ok(
      requested.some((u) => u.includes(firestore.host)),
      "the page never asked Firestore",
    );
    assert.ok(!requested.some((u) => u.endsWith("/events")), "the page used the event stream");
    assert.ok(apiCalls.length > 0);
    for (const call of apiCalls) {
      assert.match(call.authorization ?? "", /^Bearer [\w-]+\.[\w-]+\./, `${call.url} has a token`);
    }
  },
);

test(
  "bob sees none of alice's runs: the API answers 404, Firestore refuses",
  skipIf(skip),
  async () => {
    assert.ok(aliceRun, "alice's run exists (the test before this one)");
    await page.click("#sign-out");
    await page.locator("[data-testid=sign-in-link]").waitFor();
    await createAccount(BOB);
    await page.goto(`${served.url}#/submissions`);
    await page.getByText("No runs yet").waitFor();
    await page.goto(`${served.url}#/submissions/${encodeURIComponent(aliceRun)}`);
    await page.getByText("Firestore refused to show this run").waitFor();
    assert.equal(await page.locator("[data-testid=status]").count(), 0);

    const bob = await idTokenOf(BOB);
    assert.equal((await apiGet(`submissions/${aliceRun}`, bob)).status, 404);
    assert.equal((await apiGet(`submissions/${aliceRun}/tests`, bob)).status, 404);
    const bobsList = (await (await apiGet("submissions", bob)).json()) as {
      submissions: unknown[];
    };
    assert.deepEqual(bobsList.submissions, []);
    const alice = await idTokenOf(ALICE);
    assert.equal((await apiGet(`submissions/${aliceRun}`, alice)).status, 200);
  },
);
