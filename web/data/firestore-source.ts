// The cloud data source: Firestore snapshots of the submission, its results and its progress
// (the layout the Firestore store writes: shared/adapters/gcp/store/layout.ts), turned into
// the same changes as the local event stream. It reads as the signed-in user: the security
// rules (firestore/firestore.rules) let a user read only their own submissions.
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getFirestore,
  onSnapshot,
  type Firestore,
} from "firebase/firestore";
import { publicResult, publicSubmission } from "../../functions/api/public-view.ts";
import {
  COLLECTIONS,
  fromSubmissionDoc,
  type ProgressDoc,
  type ResultDoc,
  type SubmissionDoc,
} from "../../shared/adapters/gcp/store/layout.ts";
import { isFinished } from "../../shared/pipeline/finished.ts";
import type { CloudUiConfig } from "../config.ts";
import { firebaseApp } from "./firebase-app.ts";
import type { RunSource } from "./source.ts";

function database(config: CloudUiConfig): Firestore {
  const db = getFirestore(firebaseApp(config));
  const emulator = config.emulators?.firestore;
  if (emulator) {
    const [host, port] = emulator.split(":");
    connectFirestoreEmulator(db, host ?? "127.0.0.1", Number(port));
  }
  return db;
}

export function firestoreSource(config: CloudUiConfig): RunSource {
  const db = database(config);
  const { submissions, results, progress } = COLLECTIONS;
  return {
    watch(id, listener) {
      const fail = (err: Error) => listener({ kind: "error", message: readError(err) });
      const stops = [
        onSnapshot(
          doc(db, submissions, id),
          (snap) => {
            if (!snap.exists()) return;
            const summary = fromSubmissionDoc(snap.data() as SubmissionDoc);
            listener({ kind: "submission", submission: publicSubmission(summary) });
            if (isFinished(summary)) listener({ kind: "end" });
          },
          fail,
        ),
        onSnapshot(
          collection(db, submissions, id, results),
          (snap) => {
            for (const change of snap.docChanges()) {
              if (change.type !== "added") continue;
              const stored = change.doc.data() as ResultDoc;
              listener({ kind: "result", stored: publicResult(id, stored) });
            }
          },
          fail,
        ),
        onSnapshot(
          collection(db, submissions, id, progress),
          (snap) => {
            for (const change of snap.docChanges()) {
              if (change.type === "removed") continue;
              listener({ kind: "progress", progress: change.doc.data() as ProgressDoc });
            }
          },
          fail,
        ),
      ];
      return () => stops.forEach((stop) => stop());
    },
  };
}

/** Firestore refuses a read the rules deny; to a user that means "not yours, or not there". */
function readError(err: Error & { code?: string }): string {
  if (err.code === "permission-denied") {
    return "Firestore refused to show this run: it is not yours, or it does not exist.";
  }
  return `the live state stopped: ${err.message}`;
}
