export { FirestoreStore, type FirestoreStoreOptions } from "./firestore-store.ts";
export { firestoreClient, type FirestoreClientOptions } from "./client.ts";
export * from "./layout.ts";
