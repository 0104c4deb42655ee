// Picks the data source from the UI's settings: the local server's event stream, or Firestore
// in the cloud. The Firestore code (and the firebase SDK) is loaded only when it is used.
import type { UiConfig } from "../config.ts";
import type { RunSource } from "./source.ts";
import { sseSource } from "./sse-source.ts";

export async function chooseSource(config: UiConfig): Promise<RunSource> {
  if (config.dataSource === "firestore") {
    const { firestoreSource } = await import("./firestore-source.ts");
    return firestoreSource(config);
  }
  return sseSource();
}
