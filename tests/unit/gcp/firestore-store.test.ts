// What FirestoreStore writes on the Firestore emulator, beyond the port's contract: the
// documents of layout.ts (the UI and the rules read them directly), the owner, and a watch
// that starts before its submission exists.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, test } from "vitest";
import type { Firestore } from "@google-cloud/firestore";
import { FirestoreStore, firestoreClient } from "../../../shared/adapters/gcp/store/index.ts";
import { PATHS } from "../../../shared/adapters/gcp/store/layout.ts";
import { summarize } from "../../../shared/domain/submission.ts";
import type { StoreChange } from "../../../shared/ports/store.ts";
import { aResult, aSubmission } from "../../contract/fixtures.ts";
import { waitFor } from "../../contract/wait.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../../support/emulators.ts";
import { skipIf } from "../../support/skip.ts";

const skip = emulatorMissing("firestore");

describe("FirestoreStore on the emulator", () => {
  let emulator: RunningEmulator;
  let raw: Firestore;
  let store: FirestoreStore;

  beforeAll(async () => {
    if (skip) return;
    emulator = await startEmulator("firestore");
    const projectId = `cj-store-${randomUUID().slice(0, 8)}`;
    raw = firestoreClient({ projectId, emulatorHost: emulator.host });
    store = new FirestoreStore({
      firestore: firestoreClient({ projectId, emulatorHost: emulator.host }),
    });
  });
  afterAll(async () => {
    await store?.close();
    await raw?.terminate();
    await emulator?.stop();
  });

  test(
    "the documents follow the layout: summary with owner, files apart",
    skipIf(skip),
    async () => {
      const owned = {
        ...aSubmission({ files: { "a/b.py": "x = 1\n", "c.py": "" } }),
        ownerId: "u1",
      };
      const anonymous = aSubmission();
      await store.create(owned);
      await store.create(anonymous);
      await store.putResult(owned.id, 2, aResult("client_redirect"));
      const progress = {
        scenario: "s",
        phase: "workload",
        faults: ["node-1 paused"],
        opsDone: 1,
        elapsedMs: 5,
        index: 2,
        atMs: 1,
      };
      await store.putProgress(owned.id, progress);

      const doc = (await raw.doc(PATHS.submission(owned.id)).get()).data();
      assert.deepEqual(doc, { ...summarize(owned), ownerId: "u1" });
      assert.equal((await raw.doc(PATHS.submission(anonymous.id)).get()).data()?.ownerId, null);
      const source = (await raw.doc(PATHS.source(owned.id)).get()).data();
      assert.deepEqual(source, {
        files: [
          { path: "a/b.py", text: "x = 1\n" },
          { path: "c.py", text: "" },
        ],
      });
      const result = (await raw.doc(PATHS.result(owned.id, 2)).get()).data();
      assert.deepEqual(result, { index: 2, result: aResult("client_redirect") });
      assert.deepEqual((await raw.doc(PATHS.progressOf(owned.id, 2)).get()).data(), progress);

      assert.deepEqual(await store.get(owned.id), owned, "the owner comes back");
      assert.deepEqual(await store.get(anonymous.id), anonymous, "no owner is added");
    },
  );

  test(
    "a watch started before the submission exists shows its creation, then the rest",
    skipIf(skip),
    async () => {
      const s = aSubmission();
      const seen: StoreChange[] = [];
      const stop = store.watch(s.id, (c) => seen.push(c));
      await store.create(s);
      await waitFor("the creation", () => seen.length === 1);
      await store.putResult(s.id, 0, aResult("leader_election"));
      await waitFor("the result", () => seen.length === 2);
      stop();
      assert.deepEqual(seen[0], { kind: "submission", submission: summarize(s) });
      assert.deepEqual(seen[1], {
        kind: "result",
        submissionId: s.id,
        stored: { index: 0, result: aResult("leader_election") },
      });
    },
  );
});
