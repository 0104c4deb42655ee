// The Pub/Sub client the bus runs on: the emulator when PUBSUB_EMULATOR_HOST is set (the
// library reads it itself, with no credentials) or when given a host, otherwise the project
// with the runtime's service account.
import { PubSub } from "@google-cloud/pubsub";

export interface PubSubClientOptions {
  /** The project; when absent, GOOGLE_CLOUD_PROJECT or the runtime's own project. */
  projectId?: string;
  /** "host:port" of an emulator; overrides the environment. */
  emulatorHost?: string;
}

export function pubSubClient(opts: PubSubClientOptions = {}): PubSub {
  const projectId = opts.projectId ?? process.env.GOOGLE_CLOUD_PROJECT;
  const emulatorHost = opts.emulatorHost ?? process.env.PUBSUB_EMULATOR_HOST;
  return new PubSub({
    ...(projectId ? { projectId } : {}),
    // Naming the universe stops the auth library asking the metadata server
    // (169.254.169.254, off this machine) which universe its credentials belong to.
    ...(emulatorHost
      ? { apiEndpoint: emulatorHost, emulatorMode: true, universeDomain: "googleapis.com" }
      : {}),
  });
}
