// The port contracts run against the Google Cloud adapters on the SDK's emulators: the
// Firestore store and the Pub/Sub bus. Each emulator starts once for this file; each suite
// gets a project of its own, so nothing is shared between suites or with earlier runs.
// Without the emulators every case is listed as skipped, with the path that was looked at.
import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { PubSubBus, pubSubClient } from "../../shared/adapters/gcp/bus/index.ts";
import { FirestoreStore, firestoreClient } from "../../shared/adapters/gcp/store/index.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../support/emulators.ts";
import { busContract } from "./bus-contract.ts";
import { storeContract } from "./store-contract.ts";

const started: Promise<RunningEmulator>[] = [];
function once(kind: "firestore" | "pubsub"): () => Promise<RunningEmulator> {
  let emulator: Promise<RunningEmulator> | undefined;
  return () => {
    if (!emulator) {
      emulator = startEmulator(kind);
      started.push(emulator);
    }
    return emulator;
  };
}
const firestore = once("firestore");
const pubsub = once("pubsub");
// Both start now, side by side; a failure shows in the first case that needs the emulator.
for (const [kind, start] of [
  ["firestore", firestore],
  ["pubsub", pubsub],
] as const) {
  if (!emulatorMissing(kind)) start().catch(() => undefined);
}
afterAll(async () => {
  for (const e of await Promise.allSettled(started)) {
    if (e.status === "fulfilled") await e.value.stop();
  }
});

function freshProject(): string {
  return `cj-test-${randomUUID().slice(0, 8)}`;
}

storeContract(
  "Firestore on the emulator",
  async () => {
    const { host } = await firestore();
    const store = new FirestoreStore({
      firestore: firestoreClient({ projectId: freshProject(), emulatorHost: host }),
    });
    return { store, dispose: () => store.close() };
  },
  emulatorMissing("firestore"),
);

busContract(
  "Pub/Sub on the emulator",
  async (policy) => {
    const { host } = await pubsub();
    const bus = new PubSubBus({
      pubsub: pubSubClient({ projectId: freshProject(), emulatorHost: host }),
      createMissing: true,
      ...policy,
    });
    return { bus, dispose: () => bus.close() };
  },
  emulatorMissing("pubsub"),
);
