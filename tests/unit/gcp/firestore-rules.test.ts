// firestore/firestore.rules on the Firestore emulator: the judge writes through FirestoreStore
// (the emulator's admin, as the functions' service account is in the cloud); users ask over
// Firestore's REST API with an ID token for their uid, as the web UI's SDK does. Also checks
// that firestore/firestore.indexes.json names the layout's collections and fields.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, test } from "vitest";
import { FirestoreStore, firestoreClient } from "../../../shared/adapters/gcp/store/index.ts";
import {
  COLLECTIONS,
  PATHS,
  SUBMISSION_FIELDS,
} from "../../../shared/adapters/gcp/store/layout.ts";
import { aResult, aSubmission } from "../../contract/fixtures.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../../support/emulators.ts";
import { skipIf } from "../../support/skip.ts";

const RULES_PATH = new URL("../../../firestore/firestore.rules", import.meta.url).pathname;
const INDEXES_PATH = new URL("../../../firestore/firestore.indexes.json", import.meta.url).pathname;
const PROJECT = `cj-rules-${randomUUID().slice(0, 8)}`;
const skip = emulatorMissing("firestore");

/** An unsigned Firebase ID token, which the emulator accepts as proof of `uid`. */
function idToken(uid: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const nowS = Math.floor(Date.now() / 1000);
  const claims = {
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    iat: nowS,
    exp: nowS + 3600,
    auth_time: nowS,
    sub: uid,
    user_id: uid,
    firebase: { sign_in_provider: "custom", identities: {} },
  };
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
}

describe("Firestore security rules", () => {
  let emulator: RunningEmulator;
  let store: FirestoreStore;
  const alice = aSubmission({ ownerId: "alice" } as object);
  const cliOnly = aSubmission();
  const docsUrl = () =>
    `http://${emulator.host}/v1/projects/${PROJECT}/databases/(default)/documents`;

  /** The HTTP status a user (or nobody) gets for a request. */
  async function as(uid: string | null, path: string, init: RequestInit = {}): Promise<number> {
    const headers = uid ? { Authorization: `Bearer ${idToken(uid)}` } : undefined;
    const res = await fetch(`${docsUrl()}${path}`, { ...init, headers });
    await res.text();
    return res.status;
  }

  function listMine(uid: string, withOwnerFilter: boolean): RequestInit {
    const where = {
      fieldFilter: {
        field: { fieldPath: SUBMISSION_FIELDS.ownerId },
        op: "EQUAL",
        value: { stringValue: uid },
      },
    };
    const structuredQuery = {
      from: [{ collectionId: COLLECTIONS.submissions }],
      ...(withOwnerFilter ? { where } : {}),
    };
    return { method: "POST", body: JSON.stringify({ structuredQuery }) };
  }

  beforeAll(async () => {
    if (skip) return;
    emulator = await startEmulator("firestore", { rulesPath: RULES_PATH });
    store = new FirestoreStore({
      firestore: firestoreClient({ projectId: PROJECT, emulatorHost: emulator.host }),
    });
    for (const s of [alice, cliOnly]) await store.create(s);
    await store.putResult(alice.id, 0, aResult("leader_election"));
    await store.putProgress(alice.id, {
      scenario: "log_replication",
      phase: "workload",
      faults: [],
      opsDone: 3,
      elapsedMs: 100,
      index: 1,
      atMs: Date.now(),
    });
  });
  afterAll(async () => {
    await store?.close();
    await emulator?.stop();
  });

  test(
    "the owner reads her submission, its results, progress and files",
    skipIf(skip),
    async () => {
      for (const path of [
        PATHS.submission(alice.id),
        PATHS.result(alice.id, 0),
        PATHS.progressOf(alice.id, 1),
        PATHS.source(alice.id),
      ]) {
        assert.equal(await as("alice", `/${path}`), 200, path);
      }
      assert.equal(await as("alice", `/${PATHS.results(alice.id)}`), 200);
    },
  );

  test("another user and a signed-out visitor read none of it", skipIf(skip), async () => {
    for (const uid of ["bob", null]) {
      for (const path of [
        PATHS.submission(alice.id),
        PATHS.result(alice.id, 0),
        PATHS.progressOf(alice.id, 1),
        PATHS.source(alice.id),
        PATHS.results(alice.id),
      ]) {
        assert.equal(await as(uid, `/${path}`), 403, `${uid ?? "nobody"} ${path}`);
      }
    }
  });

  test("a submission without an owner is read by no user", skipIf(skip), async () => {
    assert.equal(await as("alice", `/${PATHS.submission(cliOnly.id)}`), 403);
  });

  test("a user lists her own submissions only by asking for them", skipIf(skip), async () => {
    assert.equal(await as("alice", ":runQuery", listMine("alice", true)), 200);
    assert.equal(await as("alice", ":runQuery", listMine("alice", false)), 403);
    assert.equal(await as("bob", ":runQuery", listMine("alice", true)), 403);
  });

  test("no client writes, not even the owner", skipIf(skip), async () => {
    const fields = { fields: { status: { stringValue: "completed" } } };
    const patch = { method: "PATCH", body: JSON.stringify(fields) };
    assert.equal(await as("alice", `/${PATHS.submission(alice.id)}`, patch), 403);
    assert.equal(await as("alice", `/${PATHS.result(alice.id, 5)}`, patch), 403);
    const create = {
      method: "POST",
      body: JSON.stringify({ fields: { ownerId: { stringValue: "alice" } } }),
    };
    assert.equal(await as("alice", `/${COLLECTIONS.submissions}`, create), 403);
    assert.equal((await store.get(alice.id))?.status, "queued");
  });

  test("no client reads or resets a user's submission count", skipIf(skip), async () => {
    const rule = { limit: 1, windowMs: 3_600_000 };
    assert.equal((await store.admit("alice", rule, Date.now())).admitted, true);
    const path = `/${PATHS.admission(createHash("sha256").update("alice").digest("hex"))}`;
    for (const uid of ["alice", "bob", null]) {
      assert.equal(await as(uid, path), 403, `${uid ?? "nobody"} reads`);
      assert.equal(await as(uid, path, { method: "DELETE" }), 403, `${uid ?? "nobody"} deletes`);
    }
    assert.equal(await as("alice", `/${COLLECTIONS.admissions}`), 403, "lists");
    assert.equal((await store.admit("alice", rule, Date.now())).admitted, false, "still counted");
  });
});

describe("Firestore indexes", () => {
  const file = JSON.parse(readFileSync(INDEXES_PATH, "utf8")) as {
    indexes: { collectionGroup: string; fields: { fieldPath: string; order: string }[] }[];
    fieldOverrides: { collectionGroup: string; fieldPath: string }[];
  };
  const fields = (i: (typeof file.indexes)[number]) =>
    i.fields.map((f) => `${f.fieldPath} ${f.order}`);

  test("each filter of the store's list (status, owner, problem, verdict) has its index", () => {
    const newestFirst = [`${SUBMISSION_FIELDS.createdAt} DESCENDING`, "__name__ DESCENDING"];
    const submissionIndexes = file.indexes
      .filter((i) => i.collectionGroup === COLLECTIONS.submissions)
      .map(fields);
    assert.deepEqual(submissionIndexes, [
      [`${SUBMISSION_FIELDS.status} ASCENDING`, ...newestFirst],
      [`${SUBMISSION_FIELDS.ownerId} ASCENDING`, ...newestFirst],
      [`${SUBMISSION_FIELDS.problem} ASCENDING`, ...newestFirst],
      [`${SUBMISSION_FIELDS.verdict} ASCENDING`, ...newestFirst],
    ]);
  });

  test("every index and override names a collection of the layout", () => {
    const known = Object.values(COLLECTIONS) as string[];
    for (const g of [...file.indexes, ...file.fieldOverrides].map((i) => i.collectionGroup)) {
      assert.ok(known.includes(g), `${g} is not a collection of layout.ts`);
    }
  });
});
