// The cloud UI's /config.json, from the api function's environment: the Firebase web settings
// the UI signs in with, the ways of signing in, and the emulators when they are set; missing
// or wrong settings are named.
import assert from "node:assert/strict";
import { test } from "vitest";
import { MissingEnvError } from "../../functions/cloud/env.ts";
import {
  SignInMethodError,
  WEB_UI_ENV,
  webConfigFromEnv,
} from "../../functions/cloud/web-config.ts";

const DEPLOYED = {
  GOOGLE_CLOUD_PROJECT: "judge-project",
  [WEB_UI_ENV.apiKey]: "AIza-key",
  [WEB_UI_ENV.authDomain]: "judge-project.firebaseapp.com",
  [WEB_UI_ENV.appId]: "1:123:web:abc",
  [WEB_UI_ENV.signIn]: "google, password",
};

test("a deployment's settings: Firestore, its Firebase web app, both ways of signing in", () => {
  assert.deepEqual(webConfigFromEnv(DEPLOYED), {
    dataSource: "firestore",
    firebase: {
      apiKey: "AIza-key",
      authDomain: "judge-project.firebaseapp.com",
      projectId: "judge-project",
      appId: "1:123:web:abc",
    },
    signIn: ["google", "password"],
  });
});

test("the emulators' hosts reach the page only when they are set", () => {
  const config = webConfigFromEnv({
    ...DEPLOYED,
    FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
    FIRESTORE_EMULATOR_HOST: "127.0.0.1:8080",
  });
  assert.deepEqual(config.emulators, { auth: "127.0.0.1:9099", firestore: "127.0.0.1:8080" });
});

test("missing settings and unknown sign-in methods are named", () => {
  assert.throws(
    () => webConfigFromEnv({ GOOGLE_CLOUD_PROJECT: "p", [WEB_UI_ENV.signIn]: "password" }),
    (err: Error) =>
      err instanceof MissingEnvError &&
      err.names.join() === [WEB_UI_ENV.apiKey, WEB_UI_ENV.authDomain].join(),
  );
  assert.throws(
    () => webConfigFromEnv({ ...DEPLOYED, [WEB_UI_ENV.signIn]: "password,github" }),
    (err: Error) => err instanceof SignInMethodError && err.unknown.join() === "github",
  );
});
