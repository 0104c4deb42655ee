// The UI's entry: a hash router over three views. #/problems/{id} (statement and submit),
// #/submissions (the latest runs) and #/submissions/{id} (a run, live, then its report).
// In the cloud (/config.json says "firestore") the user signs in (#/sign-in): runs and
// submitting need it; locally nobody signs in.
import { ApiCallError, useIdTokens } from "./api.ts";
import type { Session, SignedInUser } from "./auth/session.ts";
import { loadConfig, type UiConfig } from "./config.ts";
import { chooseSource } from "./data/choose-source.ts";
import type { RunSource } from "./data/source.ts";
import { fill, h } from "./dom.ts";
import { showProblems } from "./views/problems.ts";
import { showRun } from "./views/run.ts";
import { showRuns } from "./views/runs.ts";
import { showAccount, signInPanel } from "./views/sign-in.ts";

const root = document.getElementById("app") as HTMLElement;
const account = document.getElementById("account") as HTMLElement;
let config: UiConfig;
let session: Session | undefined;
let user: SignedInUser | null = null;
let source: RunSource | undefined;
let stopView: (() => void) | undefined;

/** A sign-in panel when the page needs a user and nobody is signed in; null otherwise. */
function signInFirst(why: string): HTMLElement | null {
  return session && !user ? signInPanel(session, why) : null;
}

async function route(): Promise<void> {
  stopView?.();
  stopView = undefined;
  const path = location.hash.replace(/^#/, "") || "/";
  const run = /^\/submissions\/([^/]+)$/.exec(path);
  const problem = /^\/problems\/(\d+)$/.exec(path);
  try {
    if (path === "/sign-in") {
      if (user) location.hash = "#/submissions";
      else fill(root, signInFirst("Sign in to submit code and to see your runs."));
    } else if (run?.[1]) {
      const panel = signInFirst("Sign in to see this run: runs are seen by their owner only.");
      if (panel) return fill(root, panel);
      source ??= await chooseSource(config);
      stopView = showRun(root, decodeURIComponent(run[1]), source);
    } else if (path === "/submissions") {
      const panel = signInFirst("Sign in to see your runs.");
      if (panel) return fill(root, panel);
      await showRuns(root);
    } else {
      const wanted = problem?.[1] ? Number(problem[1]) : undefined;
      await showProblems(root, wanted, () => signInFirst("Sign in to submit code."));
    }
  } catch (err) {
    const signIn = err instanceof ApiCallError && err.needsSignIn ? session : undefined;
    fill(
      root,
      signIn
        ? signInPanel(signIn, `The API asks who you are: ${(err as Error).message}`)
        : h("p", { class: "error-box" }, `Could not load this page: ${(err as Error).message}`),
    );
  }
}

/** In the cloud: the session, its ID tokens on every API call, and a page per sign-in change. */
async function startSession(cloud: UiConfig & { dataSource: "firestore" }): Promise<void> {
  const { firebaseSession } = await import("./auth/firebase-session.ts");
  const signedIn = firebaseSession(cloud);
  session = signedIn;
  useIdTokens(() => signedIn.idToken());
  let restored = false;
  signedIn.onChange((next) => {
    // Signing out starts the page afresh: nothing the last user saw (Firestore's cache
    // included) stays for the next one.
    if (restored && user && !next) return location.reload();
    const changed = !restored || next?.uid !== user?.uid;
    restored = true;
    user = next;
    showAccount(account, signedIn, user);
    if (changed) void route();
  });
}

async function start(): Promise<void> {
  try {
    config = await loadConfig();
  } catch (err) {
    return fill(root, h("p", { class: "error-box" }, (err as Error).message));
  }
  window.addEventListener("hashchange", () => void route());
  if (config.dataSource === "firestore") await startSession(config);
  else await route();
}

void start();
