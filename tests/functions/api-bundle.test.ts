// The api bundle served by the functions framework's test server: the HTTP API over local
// adapters, its problem texts read from the folders the build copied into the bundle. A
// submission posted to it is stored and its submit event published.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { PortsFactory } from "../../functions/cloud/cloud-ports.ts";
import type { ApiPorts } from "../../functions/api/ports.ts";
import { problemTextsFromFolders } from "../../functions/api/texts-from-folders.ts";
import { evidenceFiles } from "../../server/evidence-files.ts";
import { LocalQueue } from "../../shared/adapters/local/queue/index.ts";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import { TOPICS } from "../../shared/domain/events.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import { buildTestBundles, loadBundle, serve, type Served, type TestBundles } from "./bundles.ts";

const REPO = new URL("../../", import.meta.url).pathname;

describe("the api bundle", () => {
  let bundles: TestBundles;
  let served: Served;
  let root: string;
  let store: LocalStore;
  let queue: LocalQueue;

  beforeAll(async () => {
    bundles = await buildTestBundles();
    root = mkdtempSync(join(tmpdir(), "cj-api-fn-"));
    store = new LocalStore({ path: join(root, "judge.db") });
    queue = new LocalQueue({ path: join(root, "judge.db") });
    const ports: ApiPorts = {
      store,
      bus: queue,
      scenarios: createScenarioRunner(),
      // The folders as the bundle carries them, not the repository's.
      texts: problemTextsFromFolders(bundles.built.find((b) => b.name === "api")!.dir),
      evidence: evidenceFiles(root),
      identify: async () => null,
      nowMs: () => Date.now(),
    };
    const api = await loadBundle<{ usePorts(f: PortsFactory<ApiPorts>): void }>(bundles.dir, "api");
    api.usePorts(() => ports);
    served = await serve("api");
  });

  afterAll(async () => {
    await served?.close();
    await queue?.close();
    await store?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("serves a problem's statement and template from the bundle's folders", async () => {
    const problem = await fetch(`${served.url}api/distributed/problems/1`);
    assert.equal(problem.status, 200);
    const body = (await problem.json()) as { statement: string; scenarios: unknown[] };
    assert.equal(body.statement, readFileSync(join(REPO, "problems/raft/statement.md"), "utf8"));
    assert.ok(body.scenarios.length > 0);
    const template = await fetch(`${served.url}api/distributed/problems/1/template/python`);
    assert.equal(template.status, 200, await template.clone().text());
  });

  it("stores a posted submission and publishes its submit event", async () => {
    const res = await fetch(`${served.url}api/distributed/submissions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ problemId: 1, language: "python", code: "print('node')\n" }),
    });
    assert.equal(res.status, 202, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    assert.equal((await store.get(id))?.status, "queued");
    const message = queue.take(TOPICS.submit);
    assert.deepEqual(message?.event, { submissionId: id });
  });

  it("answers a bad request with the API's own error", async () => {
    const res = await fetch(`${served.url}api/distributed/submissions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ language: "python" }),
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: string }).error, /refused/);
  });
});
