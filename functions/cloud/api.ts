// The api function: the HTTP API (functions/api) over Firestore, Pub/Sub and the bucket, the
// problem texts read from the folders `npm run build` copies into the bundle.
import * as functions from "@google-cloud/functions-framework";
import type { Express } from "express";
import { createApiApp } from "../api/app.ts";
import type { ApiPorts } from "../api/ports.ts";
import { portsProvider, type PortsFactory } from "./cloud-ports.ts";
import { log } from "./log.ts";
import { apiPortsFromEnv, bundleRoot } from "./ports-from-env.ts";

const app = portsProvider<Express>(() =>
  createApiApp(apiPortsFromEnv(process.env, bundleRoot(import.meta.url))),
);

/** Installs other ports than the environment's (before the first request). */
export function usePorts(factory: PortsFactory<ApiPorts>): void {
  app.use(async () => createApiApp(await factory()));
}

functions.http("api", async (req, res) => {
  let handle: Express;
  try {
    handle = await app.get();
  } catch (err) {
    log("ERROR", "the api's ports could not be built", { error: String(err) });
    res.status(500).json({ error: `internal error: ${String(err)}` });
    return;
  }
  handle(req, res);
});
