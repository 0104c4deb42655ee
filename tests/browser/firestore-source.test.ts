// The UI's cloud data source in a real browser: the page reads one submission live from the
// Firestore emulator (the firebase web SDK's onSnapshot, under firestore/firestore.rules, as
// its owner), while the judge's FirestoreStore writes it; the evidence comes from the same
// API app running over the Firestore store.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { createApiApp } from "../../functions/api/app.ts";
import { problemTextsFromFolders } from "../../functions/api/texts-from-folders.ts";
import { createScenarioRunner } from "../../scenarios/index.ts";
import { evidenceFiles } from "../../server/evidence-files.ts";
import { webUiHandler } from "../../server/web-bundle.ts";
import { LocalQueue } from "../../shared/adapters/local/queue/index.ts";
import { FirestoreStore, firestoreClient } from "../../shared/adapters/gcp/store/index.ts";
import type { SubmissionStatus } from "../../shared/domain/status.ts";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";
import { aResult, aSubmission } from "../contract/fixtures.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../support/emulators.ts";
import { launchChromium, type Browser } from "./chromium.ts";

const skip = emulatorMissing("firestore");
const PROJECT = `cj-ui-${randomUUID().slice(0, 8)}`;
const RULES = join(REPO_ROOT, "firestore", "firestore.rules");
const ORIGIN_MS = 1_700_000_000_000;

let emulator: RunningEmulator;
let store: FirestoreStore;
let queue: LocalQueue;
let server: Server;
let url: string;
let browser: Browser;
let scratch: string;

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

before(async () => {
  if (skip) return;
  browser = await launchChromium();
  emulator = await startEmulator("firestore", { rulesPath: RULES });
  store = new FirestoreStore({
    firestore: firestoreClient({ projectId: PROJECT, emulatorHost: emulator.host }),
  });
  scratch = mkdtempSync(join(tmpdir(), "cj-ui-firestore-"));
  queue = new LocalQueue({ path: join(scratch, "queue.db") });
  const app = express();
  app.use(
    await webUiHandler({
      dataSource: "firestore",
      firebase: { projectId: PROJECT, apiKey: "emulator" },
      emulatorHost: emulator.host,
      emulatorUser: "alice",
    }),
  );
  app.use(
    createApiApp({
      store,
      bus: queue,
      scenarios: createScenarioRunner(),
      texts: problemTextsFromFolders(REPO_ROOT),
      evidence: evidenceFiles(scratch),
      // The page is alice's, signed in on the emulator: her calls are hers.
      identify: async () => "alice",
      nowMs: () => Date.now(),
    }),
  );
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(async () => {
  if (skip) return;
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  await queue?.close();
  await emulator?.stop();
  rmSync(scratch, { recursive: true, force: true });
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

test(
  "the run page follows a submission in Firestore to its verdict",
  { skip, timeout: 120_000 },
  async () => {
    const submission = aSubmission({ ownerId: "alice", scenarios: ["leader_election"] } as object);
    await store.create(submission);
    const id = submission.id;
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const failures: string[] = [];
    page.on("pageerror", (err) => failures.push(err.message));
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(`${url}#/submissions/${id}`);
    const status = page.locator("[data-testid=status]");
    await status.filter({ hasText: /^queued$/ }).waitFor({ timeout: 30_000 });
    await moveTo(id, "building");
    await status.filter({ hasText: /^building$/ }).waitFor();
    await moveTo(id, "deploying");
    await moveTo(id, "testing");
    await store.putProgress(id, {
      index: 0,
      atMs: Date.now(),
      scenario: "leader_election",
      phase: "faults",
      faults: ["killed node-0"],
      opsDone: 12,
      elapsedMs: 3000,
    });
    const row = page.locator("tr[data-scenario=leader_election]");
    await row.filter({ hasText: "killed node-0" }).waitFor();
    assert.equal(await row.locator("[data-testid=verdict]").textContent(), "running");
    const evidence = writeEvidence(join(scratch, id, "leader_election"));
    await store.putResult(id, 0, { ...aResult("leader_election"), evidence });
    await moveTo(id, "completed", { tornDownAt: Date.now() });
    await row.locator("[data-testid=verdict]", { hasText: "pass" }).waitFor();
    await page.getByText("cluster torn down").waitFor();
    await page.locator("[data-testid=timeline-plot] svg").first().waitFor({ timeout: 30_000 });
    const reached = await page.locator("[data-testid=stages]").getAttribute("data-reached");
    assert.equal(reached, "queued building deploying testing completed");
    assert.deepEqual(failures, [], "the page threw errors");
    // The live state came from Firestore, not from the API's event stream.
    assert.ok(
      requested.some((u) => u.includes(emulator.host)),
      "the page never asked Firestore",
    );
    assert.ok(!requested.some((u) => u.endsWith("/events")), "the page used the event stream");
  },
);
