// The ports a step function gets on the emulators: Firestore and Pub/Sub are Google's
// emulators, the builder, the cluster and the scenario runner are the local ones, and the
// judge's home (builds, evidence) is one folder. The test process and a function instance in
// a child process (fixtures/serve-functions.ts) make them alike from the same description, so
// any of them can take over another's work, as instances in the cloud do.
import type { PubSub } from "@google-cloud/pubsub";
import { CLOUD_FUNCTIONS } from "../../functions/cloud/catalog.ts";
import type { PortsFactory, StepFunctionPorts } from "../../functions/cloud/cloud-ports.ts";
import { pubSubPushAuth } from "../../functions/cloud/push-auth.ts";
import { PubSubBus, pubSubClient } from "../../shared/adapters/gcp/bus/index.ts";
import { FirestoreStore, firestoreClient } from "../../shared/adapters/gcp/store/index.ts";
import { LocalBuilder } from "../../shared/adapters/local/builder/index.ts";
import { LocalCluster } from "../../shared/adapters/local/cluster/local-cluster.ts";
import { judgeHome, makeScenarioDir } from "../../shared/pipeline/home.ts";
import { createScenarioRunner } from "../../harness/index.ts";
import { loadBundle, serve, targetOf, type Served } from "./bundles.ts";
import type { SharedStepPorts } from "./local-step-ports.ts";
import { PUSHER, audienceOf } from "./test-pusher.ts";

/** The functions of one submission's steps; the sweep and Cloud Build's topic have no part. */
export const STEP_FUNCTIONS = CLOUD_FUNCTIONS.filter((f) => f.topics.length && f.name !== "sweep");

/** Where the emulators and the judge's home are: all a process needs to make the ports. */
export interface EmulatedSetup {
  projectId: string;
  /** FIRESTORE_EMULATOR_HOST's value. */
  firestoreHost: string;
  /** PUBSUB_EMULATOR_HOST's value. */
  pubsubHost: string;
  /** CLUSTERJUDGE_HOME: builds and evidence. */
  homeDir: string;
}

export interface EmulatedPorts {
  ports: SharedStepPorts;
  store: FirestoreStore;
  pubsub: PubSub;
  bus: PubSubBus;
  cluster: LocalCluster;
  /** Builds started through these ports. */
  builds(): number;
  /** Tears down this process's clusters and closes the clients. */
  close(): Promise<void>;
}

export function emulatedStepPorts(setup: EmulatedSetup): EmulatedPorts {
  const home = judgeHome({ CLUSTERJUDGE_HOME: setup.homeDir });
  const store = new FirestoreStore({
    firestore: firestoreClient({ projectId: setup.projectId, emulatorHost: setup.firestoreHost }),
  });
  const pubsub = pubSubClient({ projectId: setup.projectId, emulatorHost: setup.pubsubHost });
  const bus = new PubSubBus({ pubsub });
  const cluster = new LocalCluster();
  const localBuilder = new LocalBuilder(home);
  let builds = 0;
  const ports: SharedStepPorts = {
    steps: {
      store,
      builder: {
        build: (s) => {
          builds++;
          return localBuilder.build(s);
        },
      },
      cluster,
      scenarios: createScenarioRunner(),
      evidenceDir: (id, scenario) => makeScenarioDir(home, id, scenario),
      protoPath: (problem) => home.protoPath(problem),
      nowMs: () => Date.now(),
      warn: (m) => process.stderr.write(`warning: ${m}\n`),
    },
    bus,
    buildNotification: async () => null,
  };
  return {
    ports,
    store,
    pubsub,
    bus,
    cluster,
    builds: () => builds,
    close: async () => {
      await cluster.teardownAll();
      await bus.close();
      await pubsub.close();
      await store.close();
    },
  };
}

/**
 * Loads each named function's bundle (registering it in this process) with these ports and
 * a push check for its own audience against the test pusher's certificates, and serves it.
 */
export async function serveSteps(
  bundlesDir: string,
  names: readonly string[],
  ports: SharedStepPorts,
  certsUrl: string,
): Promise<Map<string, Served>> {
  const served = new Map<string, Served>();
  for (const name of names) {
    const mod = await loadBundle<{ usePorts(p: PortsFactory<StepFunctionPorts>): void }>(
      bundlesDir,
      name,
    );
    const audience = audienceOf(name);
    const authenticatePush = pubSubPushAuth({ audience, serviceAccount: PUSHER, certsUrl });
    mod.usePorts(() => ({ ...ports, authenticatePush }));
    served.set(name, await serve(targetOf(name)));
  }
  return served;
}
