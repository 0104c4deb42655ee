// The cloud API's caller: the Firebase Auth user whose ID token comes in the Authorization
// header. The token is checked as Firebase documents it: signed by one of the securetoken
// service account's keys (fetched, cached as long as Google says), for this project
// (audience and issuer), not expired, with a subject. The subject (the uid) owns what the
// caller submits, and is what the Firestore rules compare with.
import type { Request } from "express";
import { OAuth2Client } from "google-auth-library";
import { UnauthenticatedError } from "../api/ports.ts";

export const FIREBASE_CERTS_URL =
  "https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";
/** Keys are fetched again after this long when Google's answer names no max-age. */
const CERTS_CACHE_MS_DEFAULT = 60 * 60_000;

export interface FirebaseIdentityOptions {
  projectId: string;
  /** Where the signing keys are published (a loopback server in tests). */
  certsUrl?: string;
}

export function firebaseIdentity(opts: FirebaseIdentityOptions): (req: Request) => Promise<string> {
  const verifier = new OAuth2Client();
  const certsUrl = opts.certsUrl ?? FIREBASE_CERTS_URL;
  let certs: { keys: Record<string, string>; untilMs: number } | null = null;
  const currentCerts = async (): Promise<Record<string, string>> => {
    if (certs && Date.now() < certs.untilMs) return certs.keys;
    const res = await fetch(certsUrl);
    if (!res.ok) throw new Error(`Firebase signing keys: ${certsUrl} answered ${res.status}`);
    const maxAge = /max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1];
    const keys = (await res.json()) as Record<string, string>;
    certs = {
      keys,
      untilMs: Date.now() + (maxAge ? Number(maxAge) * 1000 : CERTS_CACHE_MS_DEFAULT),
    };
    return keys;
  };
  return async (req) => {
    const token = /^Bearer (.+)$/.exec(req.header("authorization") ?? "")?.[1];
    if (!token) {
      throw new UnauthenticatedError(
        "sign in: send your Firebase ID token as Authorization: Bearer <token>",
      );
    }
    const keys = await currentCerts();
    try {
      const ticket = await verifier.verifySignedJwtWithCertsAsync(token, keys, opts.projectId, [
        `https://securetoken.google.com/${opts.projectId}`,
      ]);
      const uid = ticket.getPayload()?.sub;
      if (!uid) throw new Error("the token names no user (sub)");
      return uid;
    } catch (err) {
      throw new UnauthenticatedError(`the ID token was refused: ${(err as Error).message}`);
    }
  };
}
