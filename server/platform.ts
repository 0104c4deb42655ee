// The local platform in one process: the pipeline's workers (SQLite store and queue, local
// builder, clusters of local processes) and an HTTP server with the API and the web UI.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import { createApiApp } from "../functions/api/app.ts";
import { problemTextsFromFolders } from "../functions/api/texts-from-folders.ts";
import { createScenarioRunner } from "../harness/index.ts";
import { LocalCluster } from "../shared/adapters/local/cluster/local-cluster.ts";
import { REPO_ROOT, type JudgeHome } from "../shared/pipeline/home.ts";
import type { RateRule } from "../shared/domain/rate.ts";
import { LocalPipeline } from "../shared/pipeline/local-pipeline.ts";
import { TOKEN_PARAM, accessGuard, type AccessRules } from "./access.ts";
import { accessRules, type AccessSetup } from "./access-rules.ts";
import { evidenceFiles } from "./evidence-files.ts";
import { SERVER_LIMITS } from "./limits.ts";
import { webUiHandler } from "./web-bundle.ts";

export interface PlatformOptions {
  port: number;
  host: string;
  home: JudgeHome;
  log(line: string): void;
  /** The token and extra host names (access-rules.ts); the address and port are the above. */
  access?: Pick<AccessSetup, "token" | "extraHosts" | "makeToken">;
  /** Submissions per owner (here: per judge home) in a window; absent: no limit. */
  submissionRate?: RateRule;
  /** K, the submissions judged at once; CLUSTERJUDGE_CLUSTERS or the machine's when absent. */
  slots?: number;
}

export interface Platform {
  url: string;
  /** The URL to open: `url`, with the token when the server takes one. */
  openUrl: string;
  /** Names (host:port) the server answers to. */
  hosts: string[];
  /** Resolves "clean" when every running step ended and clusters were torn down in time. */
  close(): Promise<"clean" | "timed out">;
}

/** What the UI needs to know about where it runs: locally, it follows the SSE stream. */
const LOCAL_UI_CONFIG = { dataSource: "sse" };

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
}

function addressOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}/`;
}

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const cluster = new LocalCluster();
  const scenarios = createScenarioRunner();
  const pipeline = new LocalPipeline({
    home: opts.home,
    cluster,
    scenarios,
    ...(opts.slots !== undefined ? { slots: opts.slots } : {}),
    warn: (m) => opts.log(`warning: ${m}`),
  });
  const app = express();
  // Nothing is served until the access rules are known (they need the port listened on).
  let guard: RequestHandler = (_req, res) => void res.status(503).end();
  app.use((req, res, next) => guard(req, res, next));
  app.use(await webUiHandler(LOCAL_UI_CONFIG));
  app.use(
    createApiApp({
      store: pipeline.store,
      bus: pipeline.queue,
      scenarios,
      texts: problemTextsFromFolders(REPO_ROOT),
      evidence: evidenceFiles(opts.home.root),
      // One person's machine: no sign-in, every submission is theirs.
      identify: async () => null,
      nowMs: () => Date.now(),
      ...(opts.submissionRate ? { submissionRate: opts.submissionRate } : {}),
    }),
  );
  const server = createServer(app);
  let rules: AccessRules;
  try {
    await listen(server, opts.port, opts.host);
    const { port } = server.address() as AddressInfo;
    rules = accessRules({ ...opts.access, host: opts.host, port });
  } catch (err) {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
    await pipeline.close();
    throw err;
  }
  guard = accessGuard(rules);
  // Workers start once the port is ours; a process already judging in this home keeps them
  // until it stops, and this one joins it meanwhile (LocalPipeline.start).
  const requeued = await pipeline.requeueQueued();
  if (requeued.length) opts.log(`queued again: ${requeued.join(", ")}`);
  const unfinished = await pipeline.unfinished();
  if (unfinished.length) opts.log(`finishing ${unfinished.length} earlier submission(s)`);
  pipeline.start();
  const url = addressOf(server);
  const openUrl = rules.token ? `${url}?${TOKEN_PARAM}=${encodeURIComponent(rules.token)}` : url;
  return {
    url,
    openUrl,
    hosts: [...rules.hosts],
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      const timeout = new Promise<"timed out">((resolve) => {
        setTimeout(() => resolve("timed out"), SERVER_LIMITS.shutdownGraceMs).unref();
      });
      const outcome = await Promise.race([pipeline.close().then(() => "clean" as const), timeout]);
      if (outcome === "clean") await cluster.teardownAll();
      return outcome;
    },
  };
}
