// The Firestore client the store runs on: the emulator when FIRESTORE_EMULATOR_HOST is set
// (the client library reads it itself, with no credentials), otherwise the project's
// database with the runtime's service account (Cloud Functions provide both).
import { Firestore } from "@google-cloud/firestore";

export interface FirestoreClientOptions {
  /** The project; when absent, GOOGLE_CLOUD_PROJECT or the runtime's own project. */
  projectId?: string;
  /** "host:port" of an emulator; overrides the environment. */
  emulatorHost?: string;
  /** A named database; "(default)" when absent. */
  databaseId?: string;
}

export function firestoreClient(opts: FirestoreClientOptions = {}): Firestore {
  const projectId = opts.projectId ?? process.env.GOOGLE_CLOUD_PROJECT;
  const emulatorHost = opts.emulatorHost ?? process.env.FIRESTORE_EMULATOR_HOST;
  return new Firestore({
    ...(projectId ? { projectId } : {}),
    ...(opts.databaseId ? { databaseId: opts.databaseId } : {}),
    ...(emulatorHost ? emulatorSettings(emulatorHost) : {}),
    ignoreUndefinedProperties: true,
  });
}

/**
 * `ssl: false` makes the library skip credentials; naming the universe stops it asking the
 * metadata server (169.254.169.254, off this machine) which universe its credentials are for.
 */
function emulatorSettings(host: string): { host: string; ssl: false; universeDomain: string } {
  return { host, ssl: false, universeDomain: "googleapis.com" };
}
