// The cloud UI's /config.json, from the api function's environment: Firestore as the live
// source, the Firebase web app's settings (Terraform reads them from the project's Firebase
// web app: terraform/firebase.tf) and the ways of signing in offered.
import { SIGN_IN_METHODS, type CloudUiConfig, type SignInMethod } from "../../web/config.ts";
import { CLOUD_ENV, MissingEnvError } from "./env.ts";
import { AUTH_EMULATOR_ENV } from "./firebase-identity.ts";

/** The variables only the api function reads (its catalog entry's `env`). */
export const WEB_UI_ENV = {
  apiKey: "CLUSTERJUDGE_FIREBASE_API_KEY",
  authDomain: "CLUSTERJUDGE_FIREBASE_AUTH_DOMAIN",
  appId: "CLUSTERJUDGE_FIREBASE_APP_ID",
  /** Comma-separated: "google", "password". */
  signIn: "CLUSTERJUDGE_SIGN_IN_METHODS",
} as const;

/** Set only to try the cloud UI against emulators; the page then talks to them too. */
const FIRESTORE_EMULATOR_ENV = "FIRESTORE_EMULATOR_HOST";

export class SignInMethodError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `${WEB_UI_ENV.signIn} names ${unknown.join(", ")}; the UI offers ${SIGN_IN_METHODS.join(", ")}`,
    );
    this.name = "SignInMethodError";
  }
}

function signInMethods(value: string): SignInMethod[] {
  const names = value
    .split(",")
    .map((m) => m.trim())
    .filter(Boolean);
  const unknown = names.filter((m) => !(SIGN_IN_METHODS as readonly string[]).includes(m));
  if (unknown.length) throw new SignInMethodError(unknown);
  return names as SignInMethod[];
}

/** The UI's settings; throws naming every variable that is missing. */
export function webConfigFromEnv(env: NodeJS.ProcessEnv): CloudUiConfig {
  const required = [CLOUD_ENV.project, WEB_UI_ENV.apiKey, WEB_UI_ENV.authDomain, WEB_UI_ENV.signIn];
  const missing = required.filter((name) => !env[name]);
  if (missing.length) throw new MissingEnvError(missing);
  const appId = env[WEB_UI_ENV.appId];
  const authEmulator = env[AUTH_EMULATOR_ENV];
  const firestoreEmulator = env[FIRESTORE_EMULATOR_ENV];
  return {
    dataSource: "firestore",
    firebase: {
      apiKey: env[WEB_UI_ENV.apiKey]!,
      authDomain: env[WEB_UI_ENV.authDomain]!,
      projectId: env[CLOUD_ENV.project]!,
      ...(appId ? { appId } : {}),
    },
    signIn: signInMethods(env[WEB_UI_ENV.signIn]!),
    ...(authEmulator || firestoreEmulator
      ? {
          emulators: {
            ...(authEmulator ? { auth: authEmulator } : {}),
            ...(firestoreEmulator ? { firestore: firestoreEmulator } : {}),
          },
        }
      : {}),
  };
}
