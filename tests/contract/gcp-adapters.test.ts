// The port contracts run against the Google Cloud adapters on the SDK's emulators: the
// Firestore store and the Pub/Sub bus. Each emulator starts once for this file; each suite
// gets a project of its own, so nothing is shared between suites or with earlier runs.
// Without the emulators every case is listed as skipped, with the path that was looked at.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterAll, describe, test } from "vitest";
import { PubSubBus, pubSubClient } from "../../shared/adapters/gcp/bus/index.ts";
import { FirestoreStore, firestoreClient } from "../../shared/adapters/gcp/store/index.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../support/emulators.ts";
import { skipIf } from "../support/skip.ts";
import { aSubmission } from "./fixtures.ts";
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

// Firestore's own concurrency, which the contract above cannot see: transactions that read
// the same submission at once are aborted at commit but one, and the client runs each again
// on what is stored now. The decisions seen say so: the losers decide again on the winner's
// write, and the change is made once.
describe("Firestore transactions on the emulator", skipIf(emulatorMissing("firestore")), () => {
  test("contending transitions are retried on the stored state and apply once", async () => {
    const { host } = await firestore();
    const store = new FirestoreStore({
      firestore: firestoreClient({ projectId: freshProject(), emulatorHost: host }),
    });
    try {
      const s = aSubmission();
      await store.create(s);
      const seen: string[] = [];
      const contenders = 12;
      const outcomes = await Promise.all(
        Array.from({ length: contenders }, (_, i) =>
          store.transition(s.id, (c) => {
            seen.push(c.status);
            return c.status === "queued" ? advance(c, "building", 10 + i) : null;
          }),
        ),
      );
      assert.equal(outcomes.filter((o) => o.applied).length, 1, "one change");
      const queuedReads = seen.filter((x) => x === "queued").length;
      assert.equal(
        seen.length - queuedReads,
        contenders - 1,
        "each loser saw the winner's write last",
      );
      assert.ok(
        queuedReads > 1,
        `read queued ${queuedReads} time(s): some commits were aborted and run again`,
      );
      assert.equal((await store.get(s.id))?.status, "building");
    } finally {
      await store.close();
    }
  });
});
