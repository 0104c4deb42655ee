// Signing in (cloud only): the panel shown where a page needs the user, and the header's
// account line (who is signed in, and signing out).
import { authErrorSentence } from "../auth/auth-errors.ts";
import type { Session, SignedInUser } from "../auth/session.ts";
import { fill, h } from "../dom.ts";

/** A sign-in panel saying why it is shown; the session's change re-renders the page. */
export function signInPanel(session: Session, why: string): HTMLElement {
  const message = h("div", { "data-testid": "sign-in-message", role: "alert" });
  const attempt = (action: () => Promise<void>) => {
    fill(message);
    action().catch((err: unknown) =>
      fill(message, h("p", { class: "error-box" }, authErrorSentence(err))),
    );
  };
  const email = h("input", {
    type: "email",
    id: "sign-in-email",
    autocomplete: "username",
    required: true,
  }) as HTMLInputElement;
  const password = h("input", {
    type: "password",
    id: "sign-in-password",
    autocomplete: "current-password",
    required: true,
  }) as HTMLInputElement;
  const google = session.methods.includes("google")
    ? h(
        "button",
        {
          type: "button",
          id: "sign-in-google",
          onclick: () => attempt(() => session.signInWithGoogle()),
        },
        "Sign in with Google",
      )
    : null;
  const passwordForm = session.methods.includes("password")
    ? h(
        "form",
        {
          class: "sign-in-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            attempt(() => session.signInWithPassword(email.value, password.value));
          },
        },
        h("label", {}, "Email ", email),
        h("label", {}, "Password ", password),
        h("button", { type: "submit", id: "sign-in-submit" }, "Sign in"),
        h(
          "button",
          {
            type: "button",
            id: "create-account",
            onclick: () => {
              if (email.reportValidity() && password.reportValidity())
                attempt(() => session.createAccount(email.value, password.value));
            },
          },
          "Create an account",
        ),
      )
    : null;
  return h(
    "section",
    { class: "sign-in", "data-testid": "sign-in" },
    h("h1", {}, "Sign in"),
    h("p", {}, why),
    google,
    google && passwordForm ? h("p", { class: "muted" }, "or with an email and a password:") : null,
    passwordForm,
    message,
  );
}

/** The header's line: the user and a sign-out button, or a link to sign in. */
export function showAccount(into: HTMLElement, session: Session, user: SignedInUser | null) {
  if (!user)
    return fill(into, h("a", { href: "#/sign-in", "data-testid": "sign-in-link" }, "Sign in"));
  const out = h("button", { type: "button", id: "sign-out" }, "Sign out");
  out.addEventListener("click", () => void session.signOut());
  fill(into, h("span", { "data-testid": "signed-in-as" }, user.label), " ", out);
}
