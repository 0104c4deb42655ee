// The cloud data source: Firestore snapshots of the submission, its results and its progress
// (the layout the Firestore store writes: shared/adapters/gcp/store/layout.ts), turned into
// the same changes as the local event stream.
import { initializeApp, type FirebaseOptions } from "firebase/app";
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getFirestore,
  onSnapshot,
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
import type { RunSource } from "./source.ts";

export interface FirestoreConfig {
  firebase: FirebaseOptions;
  /** "host:port" of a Firestore emulator, for trying the cloud UI on one machine. */
  emulatorHost?: string;
  /** On the emulator only: read as this user (a mock token), since the UI has no sign-in. */
  emulatorUser?: string;
}

export function firestoreSource(config: FirestoreConfig): RunSource {
  const db = getFirestore(initializeApp(config.firebase));
  if (config.emulatorHost) {
    const [host, port] = config.emulatorHost.split(":");
    const user = config.emulatorUser;
    connectFirestoreEmulator(
      db,
      host ?? "127.0.0.1",
      Number(port),
      user ? { mockUserToken: { sub: user, user_id: user } } : {},
    );
  }
  const { submissions, results, progress } = COLLECTIONS;
  return {
    watch(id, listener) {
      const fail = (err: Error) => listener({ kind: "error", message: err.message });
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
