// The api function's adapters, configured by the environment Terraform gives every function
// (terraform/functions.tf, local.function_env). Building them opens no connection: the
// clients connect on their first call. The step functions' ports are in step-ports.ts.
import { Storage } from "@google-cloud/storage";
import type { ApiPorts } from "../api/ports.ts";
import { firebaseIdentity } from "./firebase-identity.ts";
import { problemTextsFromFolders } from "../api/texts-from-folders.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import { storeAndBusFromEnv } from "./adapters/store-and-bus.ts";
import { submissionRateFromEnv } from "../api/submission-rate.ts";
import { bucketEvidence } from "./bucket-evidence.ts";
import { readCloudEnv } from "./env.ts";

export { CLOUD_ENV } from "./env.ts";
export { bundleRoot } from "./bundle-root.ts";

/** The api's ports; the problem texts are read from folders shipped in the bundle. */
export function apiPortsFromEnv(vars: NodeJS.ProcessEnv, bundleDir: string): ApiPorts {
  const env = readCloudEnv(vars);
  const submissionRate = submissionRateFromEnv(vars);
  const { store, bus } = storeAndBusFromEnv(env);
  const bucket = new Storage({ projectId: env.project }).bucket(env.bucket);
  return {
    store,
    bus,
    scenarios: createScenarioRunner(),
    texts: problemTextsFromFolders(bundleDir),
    evidence: bucketEvidence(bucket),
    identify: firebaseIdentity({ projectId: env.project }),
    nowMs: () => Date.now(),
    ...(submissionRate ? { submissionRate } : {}),
  };
}
