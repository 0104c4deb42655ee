// The one Firebase app of the page: sign-in and the Firestore source share it, so Firestore
// reads as the signed-in user.
import { initializeApp, type FirebaseApp } from "firebase/app";
import type { CloudUiConfig } from "../config.ts";

let app: FirebaseApp | undefined;

export function firebaseApp(config: CloudUiConfig): FirebaseApp {
  app ??= initializeApp(config.firebase);
  return app;
}
