// The cloud session: Firebase Auth on the page's Firebase app, with Google (a pop-up) and
// email and password. Firebase keeps the user signed in across reloads (IndexedDB).
import {
  GoogleAuthProvider,
  connectAuthEmulator,
  createUserWithEmailAndPassword,
  getAuth,
  onAuthStateChanged,
  signInWithEmailAndPassword,
  signInWithPopup,
  signOut,
  type User,
} from "firebase/auth";
import type { CloudUiConfig } from "../config.ts";
import { firebaseApp } from "../data/firebase-app.ts";
import type { Session, SignedInUser } from "./session.ts";

const signedIn = (user: User | null): SignedInUser | null =>
  user && { uid: user.uid, label: user.email ?? user.displayName ?? user.uid };

export function firebaseSession(config: CloudUiConfig): Session {
  const auth = getAuth(firebaseApp(config));
  if (config.emulators?.auth) {
    connectAuthEmulator(auth, `http://${config.emulators.auth}`, { disableWarnings: true });
  }
  return {
    methods: config.signIn,
    onChange: (listener) => onAuthStateChanged(auth, (user) => listener(signedIn(user))),
    idToken: async () => (auth.currentUser ? auth.currentUser.getIdToken() : null),
    signInWithGoogle: async () => {
      await signInWithPopup(auth, new GoogleAuthProvider());
    },
    signInWithPassword: async (email, password) => {
      await signInWithEmailAndPassword(auth, email, password);
    },
    createAccount: async (email, password) => {
      await createUserWithEmailAndPassword(auth, email, password);
    },
    signOut: () => signOut(auth),
  };
}
