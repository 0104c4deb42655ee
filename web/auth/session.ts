// Who uses the page. In the cloud a Firebase Auth user (firebase-session.ts) whose ID token
// every API call carries; locally nobody signs in and there is no session at all.
import type { SignInMethod } from "../config.ts";

export interface SignedInUser {
  uid: string;
  /** What the page shows: the email, else the display name, else the uid. */
  label: string;
}

export interface Session {
  /** The ways of signing in this deployment offers. */
  readonly methods: readonly SignInMethod[];
  /**
   * Calls `listener` once with the user Firebase restored (null when signed out), then on
   * every sign-in and sign-out; returns a stop.
   */
  onChange(listener: (user: SignedInUser | null) => void): () => void;
  /** The user's ID token, refreshed by Firebase when it nears expiry; null when signed out. */
  idToken(): Promise<string | null>;
  signInWithGoogle(): Promise<void>;
  signInWithPassword(email: string, password: string): Promise<void>;
  createAccount(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}
