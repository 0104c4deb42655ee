// The API in this process on a free loopback port, over the real local store and queue in a
// fresh judge home. No workers run: a test sees exactly what the API stored and published.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiApp } from "../../functions/api/app.ts";
import type { ApiPorts } from "../../functions/api/ports.ts";
import { problemTextsFromFolders } from "../../functions/api/texts-from-folders.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import type { RateRule } from "../../shared/domain/rate.ts";
import { LocalQueue } from "../../shared/adapters/local/queue/index.ts";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import { REPO_ROOT, judgeHome, type JudgeHome } from "../../shared/pipeline/home.ts";
import { evidenceFiles } from "../../server/evidence-files.ts";

export const API = "/api/distributed";

export interface ApiHarness {
  base: string;
  home: JudgeHome;
  store: LocalStore;
  queue: LocalQueue;
  close(): Promise<void>;
}

/** Who the test says is calling. */
export const OWNER_HEADER = "x-test-owner";

/** Ports a test may replace: the submission rate, who the caller is, the problems' texts. */
export interface ApiOptions {
  submissionRate?: RateRule;
  identify?: ApiPorts["identify"];
  texts?: ApiPorts["texts"];
  eventStreamsMax?: number;
}

export async function startApi(opts: ApiOptions = {}): Promise<ApiHarness> {
  const home = judgeHome({ CLUSTERJUDGE_HOME: mkdtempSync(join(tmpdir(), "cj-api-")) });
  const store = new LocalStore({ path: home.dbPath });
  const queue = new LocalQueue({ path: home.dbPath });
  const app = createApiApp({
    store,
    bus: queue,
    scenarios: createScenarioRunner(),
    texts: problemTextsFromFolders(REPO_ROOT),
    evidence: evidenceFiles(home.root),
    // The caller named in a header (none: the single-user machine), so tests can be two users.
    identify: async (req) => req.header(OWNER_HEADER) ?? null,
    nowMs: () => Date.now(),
    ...opts,
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}${API}`,
    home,
    store,
    queue,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await queue.close();
      await store.close();
      rmSync(home.root, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  type: string;
  body: T;
}

/** A request and its JSON (or text) answer. */
export async function request<T = Record<string, unknown>>(
  url: string,
  init: RequestInit = {},
): Promise<Reply<T>> {
  const res = await fetch(url, init);
  const type = res.headers.get("content-type") ?? "";
  const body = (type.includes("json") ? await res.json() : await res.text()) as T;
  return { status: res.status, type, body };
}

/** A small Python submission of Raft, accepted (202): its id. */
export async function submitted(api: ApiHarness): Promise<string> {
  const reply = await postJson(`${api.base}/submissions`, {
    problemId: 1,
    language: "python",
    code: "print(1)\n",
    scenarios: ["leader_election"],
  });
  assert.equal(reply.status, 202, JSON.stringify(reply.body));
  return String(reply.body.id);
}

export function postJson(url: string, body: unknown): Promise<Reply> {
  return request(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** An event stream held open by a client, as a browser's EventSource holds it. */
export interface OpenStream {
  abort(): void;
  /** Resolves once the stream's text so far contains `text`. */
  waitFor(text: string): Promise<void>;
}

export async function openStream(url: string): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
        for (const w of waiters.filter((w) => text.includes(w.text))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    } catch {
      // Aborted by the test.
    }
  })();
  return {
    abort: () => controller.abort(),
    waitFor: (wanted) =>
      text.includes(wanted)
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ text: wanted, resolve })),
  };
}
