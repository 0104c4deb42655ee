// The two adapters every function uses: Firestore for the store, Pub/Sub for the bus.
import { PubSubBus, pubSubClient } from "../../../shared/adapters/gcp/bus/index.ts";
import { FirestoreStore, firestoreClient } from "../../../shared/adapters/gcp/store/index.ts";
import type { CloudEnv } from "../env.ts";

export function storeAndBusFromEnv(env: CloudEnv): { store: FirestoreStore; bus: PubSubBus } {
  const store = new FirestoreStore({ firestore: firestoreClient({ projectId: env.project }) });
  const bus = new PubSubBus({ pubsub: pubSubClient({ projectId: env.project }) });
  return { store, bus };
}
