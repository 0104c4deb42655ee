// What the place serving the UI tells it in /config.json: the local server says "sse" (no
// sign-in, one person uses the machine); the cloud api function says "firestore", with the
// Firebase web settings the UI signs in and reads Firestore with (functions/cloud/web-config.ts).

/** The Firebase web app's settings, as the Firebase console shows them. */
export interface FirebaseWebConfig {
  apiKey: string;
  authDomain: string;
  projectId: string;
  appId?: string;
}

/** The ways of signing in the UI offers, each enabled on the project by docs/deploy-gcp.md. */
export const SIGN_IN_METHODS = ["google", "password"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export interface CloudUiConfig {
  dataSource: "firestore";
  firebase: FirebaseWebConfig;
  signIn: SignInMethod[];
  /** "host:port" of emulators, for trying the cloud UI on one machine (and its tests). */
  emulators?: { auth?: string; firestore?: string };
}

export type UiConfig = { dataSource: "sse" } | CloudUiConfig;

/** The UI's settings; a failure to read them is an error, not a silent local default. */
export async function loadConfig(): Promise<UiConfig> {
  const res = await fetch("/config.json");
  const body = (await res.json().catch(() => ({}))) as UiConfig | { error?: string };
  if (!res.ok || !("dataSource" in body)) {
    const why = "error" in body && body.error ? body.error : `HTTP ${res.status}`;
    throw new Error(`the UI's settings (/config.json) could not be read: ${why}`);
  }
  return body;
}
