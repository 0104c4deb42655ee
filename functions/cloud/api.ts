// The api function: the web UI (the files `npm run build` put in the bundle, and its
// /config.json from the environment) and the HTTP API (functions/api) over Firestore, Pub/Sub
// and the bucket, the problem texts read from the folders the build copies into the bundle.
// One origin for both: the UI calls the API with no CORS.
import { join } from "node:path";
import * as functions from "@google-cloud/functions-framework";
import type { Express, Request, RequestHandler, Response } from "express";
import { createApiApp } from "../api/app.ts";
import type { ApiPorts } from "../api/ports.ts";
import { portsProvider } from "./cloud-ports.ts";
import { CLOUD_ENV } from "./env.ts";
import { firebaseIdentity } from "./firebase-identity.ts";
import { log } from "./log.ts";
import { apiPortsFromEnv, bundleRoot } from "./ports-from-env.ts";
import { webConfigFromEnv } from "./web-config.ts";
import { WEB_UI_FOLDER, readWebAssets, serveWebUi } from "./web-ui.ts";

const root = bundleRoot(import.meta.url);
const app = portsProvider<Express>(() => createApiApp(apiPortsFromEnv(process.env, root)));
let webUi: RequestHandler | undefined;

/** Ports from a factory that is given the deployment's caller check (Firebase ID tokens). */
export type ApiPortsFactory = (identify: ApiPorts["identify"]) => ApiPorts | Promise<ApiPorts>;

/** Installs other ports than the environment's (before the first request). */
export function usePorts(factory: ApiPortsFactory): void {
  app.use(async () => {
    const identify = firebaseIdentity({ projectId: process.env[CLOUD_ENV.project] ?? "" });
    return createApiApp(await factory(identify));
  });
}

/** The HTTP API, its ports built on the first call. */
async function callApi(req: Request, res: Response): Promise<void> {
  let handle: Express;
  try {
    handle = await app.get();
  } catch (err) {
    log("ERROR", "the api's ports could not be built", { error: String(err) });
    res.status(500).json({ error: `internal error: ${String(err)}` });
    return;
  }
  handle(req, res);
}

/** The UI's files from the bundle; without them (a broken build) the API still answers. */
function webUiFromBundle(): RequestHandler {
  try {
    const assets = readWebAssets(join(root, WEB_UI_FOLDER));
    return serveWebUi(assets, () => webConfigFromEnv(process.env));
  } catch (err) {
    log("ERROR", "the bundle has no web UI: npm run build writes it", { error: String(err) });
    return (_req, _res, next) => next();
  }
}

functions.http("api", (req, res) => {
  webUi ??= webUiFromBundle();
  webUi(req, res, () => void callApi(req, res));
});
