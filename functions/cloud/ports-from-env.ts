// The Google Cloud adapters behind the functions' ports, configured by the environment
// Terraform gives every function (terraform/functions.tf, local.function_env). Building them
// opens no connection: the clients connect on their first call.
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Storage } from "@google-cloud/storage";
import type { ApiPorts } from "../api/ports.ts";
import { firebaseIdentity } from "./firebase-identity.ts";
import { problemTextsFromFolders } from "../api/texts-from-folders.ts";
import {
  CloudBuildBuilder,
  StorageBuildLogs,
  parseCloudBuildNotification,
} from "../../shared/adapters/gcp/builder/index.ts";
import { PubSubBus, pubSubClient } from "../../shared/adapters/gcp/bus/index.ts";
import { CloudRunCluster } from "../../shared/adapters/gcp/cluster/index.ts";
import { FirestoreStore, firestoreClient } from "../../shared/adapters/gcp/store/index.ts";
import { PROTO_PATH } from "../../scenarios/raft/client.ts";
import { createScenarioRunner } from "../../scenarios/index.ts";
import { bucketEvidence, uploadingEvidence } from "./bucket-evidence.ts";
import type { StepFunctionPorts } from "./cloud-ports.ts";
import { readSupportFiles } from "./support-files.ts";
import { readCloudEnv, type CloudEnv } from "./env.ts";
import { log } from "./log.ts";

export { CLOUD_ENV } from "./env.ts";

const warn = (message: string) => log("WARNING", message);

function storeAndBus(env: CloudEnv) {
  const store = new FirestoreStore({ firestore: firestoreClient({ projectId: env.project }) });
  const bus = new PubSubBus({ pubsub: pubSubClient({ projectId: env.project }) });
  return { store, bus };
}

/** The problem's .proto, copied into the bundle by `npm run build`. */
function protoOf(problem: string): string | undefined {
  return problem === "raft" ? PROTO_PATH : undefined;
}

export function stepPortsFromEnv(vars: NodeJS.ProcessEnv, bundleDir: string): StepFunctionPorts {
  const env = readCloudEnv(vars);
  const { store, bus } = storeAndBus(env);
  const location = { projectId: env.project, projectNumber: env.projectNumber, region: env.region };
  const cluster = new CloudRunCluster({
    ...location,
    imageRepository: env.imageRepository,
    serviceAccount: env.nodeServiceAccount,
    vpc: { network: env.vpcNetwork, subnetwork: env.vpcSubnetwork },
  });
  const storage = new Storage({ projectId: env.project });
  const builder = new CloudBuildBuilder({
    projectId: env.project,
    sourceBucket: env.bucket,
    logsBucket: env.bucket,
    imageRepository: env.imageRepository,
    protoPath: (problem) => {
      const path = protoOf(problem);
      if (!path) throw new Error(`no .proto for problem ${problem}`);
      return path;
    },
    storage,
    serviceAccount: env.buildServiceAccount,
    supportFiles: () => readSupportFiles(bundleDir),
  });
  const logs = new StorageBuildLogs(storage);
  return {
    steps: {
      store,
      builder,
      cluster,
      scenarios: uploadingEvidence(createScenarioRunner(), storage.bucket(env.bucket)),
      evidenceDir: async (id, scenario) => {
        const dir = join(tmpdir(), "clusterjudge", id, scenario);
        await mkdir(dir, { recursive: true });
        return dir;
      },
      protoPath: protoOf,
      nowMs: () => Date.now(),
      warn,
    },
    bus,
    buildNotification: (message) => parseCloudBuildNotification(message, logs),
  };
}

/** The api's ports; the problem texts are read from folders shipped in the bundle. */
export function apiPortsFromEnv(vars: NodeJS.ProcessEnv, bundleDir: string): ApiPorts {
  const env = readCloudEnv(vars);
  const { store, bus } = storeAndBus(env);
  const bucket = new Storage({ projectId: env.project }).bucket(env.bucket);
  return {
    store,
    bus,
    scenarios: createScenarioRunner(),
    texts: problemTextsFromFolders(bundleDir),
    evidence: bucketEvidence(bucket),
    identify: firebaseIdentity({ projectId: env.project }),
    nowMs: () => Date.now(),
  };
}

/** The folder of the running bundle (index.js), where `npm run build` copies its folders. */
export function bundleRoot(moduleUrl: string): string {
  return dirname(fileURLToPath(moduleUrl));
}
