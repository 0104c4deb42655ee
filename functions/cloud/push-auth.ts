// Who may deliver a message to a step function: only Pub/Sub's push subscriptions, which sign
// an OIDC ID token for the pusher account (terraform/pubsub.tf, oidc_token) with the
// function's URL as audience. The token is verified here as well as by Cloud Run's invoker
// check: signed by Google (its published keys), for this function, not expired, issued to
// the pusher account with a verified email. Anything else calling the function (a node with
// its own account's token, another function, a user) is refused before the message is read.
import { OAuth2Client } from "google-auth-library";
import { MissingEnvError } from "./env.ts";
import { log } from "./log.ts";
import type { Headers } from "./pubsub-request.ts";

/** The variables every step function reads to check its callers (terraform/functions.tf). */
export const PUSH_ENV = {
  /** The audience the push subscription signs tokens for: this function's URL. */
  audience: "CLUSTERJUDGE_PUSH_AUDIENCE",
  /** The account the push subscriptions sign as. */
  serviceAccount: "CLUSTERJUDGE_PUSH_SERVICE_ACCOUNT",
} as const;

/**
 * Where Google's signing certificates are fetched, for tests on one machine only: tokens
 * must still be signed by the keys published there. Never set in a deployment; the
 * function says so in its log when it is.
 */
export const PUSH_CERTS_URL_ENV = "CLUSTERJUDGE_PUSH_CERTS_URL";

export interface PushAuthOptions {
  audience: string;
  serviceAccount: string;
  /** Where Google's signing certificates are published (a loopback server in tests). */
  certsUrl?: string;
}

/** Resolves when the request comes from the push subscription; rejects otherwise. */
export type PushAuth = (headers: Headers) => Promise<void>;

/** A request that is not the push subscription's: answered 401 or 403, never handled. */
export class PushRefusedError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = "PushRefusedError";
  }
}

/**
 * By name, not instanceof: a check built outside the function's bundle (tests install one)
 * throws its own copy of the class.
 */
export function isPushRefusal(err: unknown): err is PushRefusedError {
  const status = (err as { status?: unknown } | null)?.status;
  return (
    err instanceof Error && err.name === "PushRefusedError" && (status === 401 || status === 403)
  );
}

export function pubSubPushAuth(opts: PushAuthOptions): PushAuth {
  const client = new OAuth2Client(
    opts.certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: opts.certsUrl } } : {},
  );
  return async (headers) => {
    const raw = headers["authorization"];
    const authorization = Array.isArray(raw) ? raw[0] : raw;
    const token = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    if (!token) {
      throw new PushRefusedError(401, "no bearer token: only the push subscription may call");
    }
    // Google's keys not reachable is our failure, to be tried again (500), not a refusal.
    await client.getFederatedSignonCertsAsync();
    let payload;
    try {
      const ticket = await client.verifyIdToken({ idToken: token, audience: opts.audience });
      payload = ticket.getPayload();
    } catch (err) {
      throw new PushRefusedError(401, `the token was refused: ${(err as Error).message}`);
    }
    if (payload?.email !== opts.serviceAccount || payload.email_verified !== true) {
      const who = payload?.email ?? payload?.sub ?? "no one";
      throw new PushRefusedError(403, `the token is ${who}'s, not the push subscription's`);
    }
  };
}

/** The check configured by the function's environment; throws naming what is missing. */
export function pushAuthFromEnv(env: NodeJS.ProcessEnv): PushAuth {
  const missing = Object.values(PUSH_ENV).filter((name) => !env[name]);
  if (missing.length) throw new MissingEnvError(missing);
  const certsUrl = env[PUSH_CERTS_URL_ENV];
  if (certsUrl) {
    log(
      "WARNING",
      `${PUSH_CERTS_URL_ENV}=${certsUrl}: push tokens are checked against keys ` +
        "from there, not Google's. This must never be set in a deployment.",
    );
  }
  return pubSubPushAuth({
    audience: env[PUSH_ENV.audience]!,
    serviceAccount: env[PUSH_ENV.serviceAccount]!,
    ...(certsUrl ? { certsUrl } : {}),
  });
}
