// Firebase Auth's error codes, in words a user can act on. Unknown codes keep Firebase's text.

const SENTENCES: Record<string, string> = {
  "auth/invalid-credential": "Wrong email or password.",
  "auth/invalid-login-credentials": "Wrong email or password.",
  "auth/wrong-password": "Wrong email or password.",
  "auth/user-not-found": "No account with this email: create one.",
  "auth/invalid-email": "That is not an email address.",
  "auth/email-already-in-use": "An account with this email exists already: sign in instead.",
  "auth/weak-password": "Choose a password of at least 6 characters.",
  "auth/missing-password": "Type a password.",
  "auth/too-many-requests": "Too many attempts: wait a minute and try again.",
  "auth/popup-closed-by-user": "The sign-in window was closed before signing in.",
  "auth/cancelled-popup-request": "The sign-in window was closed before signing in.",
  "auth/popup-blocked": "The browser blocked the sign-in window: allow pop-ups for this site.",
  "auth/operation-not-allowed":
    "This way of signing in is not enabled on the project (docs/deploy-gcp.md, sign-in).",
  "auth/unauthorized-domain":
    "This site's domain is not among the project's authorized domains (docs/deploy-gcp.md, sign-in).",
  "auth/network-request-failed": "Could not reach the sign-in service: check your connection.",
};

export function authErrorSentence(err: unknown): string {
  const code = (err as { code?: string }).code;
  return (code && SENTENCES[code]) ?? (err as Error).message ?? String(err);
}
