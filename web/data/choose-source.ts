// Picks the data source from /config.json, which the place serving the UI writes: the local
// server says "sse"; a cloud deployment says "firestore" with its Firebase settings. The
// Firestore code (and the firebase SDK) is loaded only when it is used.
import type { FirestoreConfig } from "./firestore-source.ts";
import type { RunSource } from "./source.ts";
import { sseSource } from "./sse-source.ts";

type UiConfig = { dataSource: "sse" } | ({ dataSource: "firestore" } & FirestoreConfig);

export async function chooseSource(): Promise<RunSource> {
  const res = await fetch("/config.json");
  const config = (res.ok ? await res.json() : { dataSource: "sse" }) as UiConfig;
  if (config.dataSource === "firestore") {
    const { firestoreSource } = await import("./firestore-source.ts");
    return firestoreSource(config);
  }
  return sseSource();
}
