// The cloud API's caller: the Firebase Auth user whose ID token comes in the Authorization
// header. The token is checked as Firebase documents it: signed by one of the securetoken
// service account's keys (fetched, cached as long as Google says), for this project
// (audience and issuer), not expired, with a subject. The subject (the uid) owns what the
// caller submits, and is what the Firestore rules compare with.
//
// With FIREBASE_AUTH_EMULATOR_HOST set (as firebase-admin does), tokens are the Auth
// emulator's: unsigned, so only their claims are checked. That variable must never be set in
// production; the function says so loudly in its log when it is.
import type { Request } from "express";
import { OAuth2Client } from "google-auth-library";
import { UnauthenticatedError } from "../api/ports.ts";
import { log } from "./log.ts";

export const FIREBASE_CERTS_URL =
  "https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";
/** The variable firebase-admin and the Firebase SDKs read to talk to the Auth emulator. */
export const AUTH_EMULATOR_ENV = "FIREBASE_AUTH_EMULATOR_HOST";
/** Keys are fetched again after this long when Google's answer names no max-age. */
const CERTS_CACHE_MS_DEFAULT = 60 * 60_000;

export interface FirebaseIdentityOptions {
  projectId: string;
  /** Where the signing keys are published (a loopback server in tests). */
  certsUrl?: string;
  /** The Auth emulator's "host:port"; by default FIREBASE_AUTH_EMULATOR_HOST. */
  authEmulatorHost?: string;
}

type TokenCheck = (token: string) => Promise<string>;

export function firebaseIdentity(opts: FirebaseIdentityOptions): (req: Request) => Promise<string> {
  const emulator = opts.authEmulatorHost ?? process.env[AUTH_EMULATOR_ENV];
  const check = emulator ? emulatorTokens(opts.projectId, emulator) : signedTokens(opts);
  return async (req) => {
    const token = /^Bearer (.+)$/.exec(req.header("authorization") ?? "")?.[1];
    if (!token) {
      throw new UnauthenticatedError(
        "sign in: send your Firebase ID token as Authorization: Bearer <token>",
      );
    }
    try {
      return await check(token);
    } catch (err) {
      throw new UnauthenticatedError(`the ID token was refused: ${(err as Error).message}`);
    }
  };
}

/** Production: RS256 tokens signed by Google's securetoken keys. */
function signedTokens(opts: FirebaseIdentityOptions): TokenCheck {
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
  return async (token) => {
    const keys = await currentCerts();
    const ticket = await verifier.verifySignedJwtWithCertsAsync(token, keys, opts.projectId, [
      `https://securetoken.google.com/${opts.projectId}`,
    ]);
    const uid = ticket.getPayload()?.sub;
    if (!uid) throw new Error("the token names no user (sub)");
    return uid;
  };
}

interface Claims {
  aud?: unknown;
  iss?: unknown;
  sub?: unknown;
  exp?: unknown;
}

/** The Auth emulator's unsigned tokens ("alg": "none"): the same claims, no signature. */
function emulatorTokens(projectId: string, host: string): TokenCheck {
  log(
    "WARNING",
    `${AUTH_EMULATOR_ENV}=${host}: accepting UNSIGNED ID tokens from the Auth emulator. ` +
      "Anyone can claim to be anyone: this must never be set in production.",
  );
  return async (token) => {
    const [header, payload] = token.split(".");
    const decode = (part: string | undefined): Record<string, unknown> => {
      try {
        return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
      } catch {
        throw new Error("the token is not a JWT");
      }
    };
    if (decode(header).alg !== "none") throw new Error("not an Auth emulator token (alg)");
    const claims = decode(payload) as Claims;
    if (claims.aud !== projectId) throw new Error(`wrong audience ${String(claims.aud)}`);
    const issuer = `https://securetoken.google.com/${projectId}`;
    if (claims.iss !== issuer) throw new Error(`wrong issuer ${String(claims.iss)}`);
    if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now()) {
      throw new Error("the token has expired");
    }
    if (typeof claims.sub !== "string" || !claims.sub) throw new Error("no user (sub)");
    return claims.sub;
  };
}
