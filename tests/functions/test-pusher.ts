// Pub/Sub's push identity on one machine: an RSA key with its X.509 certificate, published
// by key id on loopback in the shape of Google's federated sign-on certificates, and ID
// tokens signed with it the way Google signs a push subscription's (RS256; issuer
// accounts.google.com; audience, email, email_verified). The step functions verify them
// with google-auth-library's OAuth2Client pointed at this server instead of Google's.
import { execFileSync } from "node:child_process";
import { createSign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pubSubPushAuth, type PushAuth } from "../../functions/cloud/push-auth.ts";

export const PUSHER = "judge-pusher@judge-project.iam.gserviceaccount.com";
const KID = "pusher-key-1";

export interface TestPusher {
  certsUrl: string;
  /** Times the certificates were fetched. */
  fetches(): number;
  /** A push token for `audience`; `claims` override Google's (email, exp, iss...). */
  token(audience: string, claims?: Record<string, unknown>, key?: "pusher" | "stranger"): string;
  /** The Authorization header Pub/Sub sends to `audience`. */
  headers(audience: string): Record<string, string>;
  /** The step functions' check for `audience`, against this server's keys. */
  auth(audience: string): PushAuth;
  close(): Promise<void>;
}

function keyAndCert(dir: string, name: string): { key: string; cert: string } {
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${name}`],
      ...["-keyout", join(dir, `${name}.key`), "-out", join(dir, `${name}.pem`)],
    ],
    { stdio: "ignore" },
  );
  return {
    key: readFileSync(join(dir, `${name}.key`), "utf8"),
    cert: readFileSync(join(dir, `${name}.pem`), "utf8"),
  };
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");

export async function startTestPusher(): Promise<TestPusher> {
  const dir = mkdtempSync(join(tmpdir(), "cj-pusher-"));
  const pusher = keyAndCert(dir, "pusher");
  // Someone else's key: well-formed tokens Google never signed.
  const stranger = keyAndCert(dir, "stranger");
  rmSync(dir, { recursive: true, force: true });
  let fetches = 0;
  const server = http.createServer((_req, res) => {
    fetches++;
    res.setHeader("cache-control", "public, max-age=3600");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ [KID]: pusher.cert }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const certsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/v1/certs`;
  const token: TestPusher["token"] = (audience, claims = {}, key = "pusher") => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: "https://accounts.google.com",
      aud: audience,
      azp: "112233445566778899",
      sub: "112233445566778899",
      email: PUSHER,
      email_verified: true,
      iat: now - 5,
      exp: now + 3600,
      ...claims,
    };
    const unsigned = `${b64({ alg: "RS256", kid: KID, typ: "JWT" })}.${b64(payload)}`;
    const signer = createSign("RSA-SHA256").update(unsigned);
    const signature = signer.sign(key === "pusher" ? pusher.key : stranger.key);
    return `${unsigned}.${signature.toString("base64url")}`;
  };
  return {
    certsUrl,
    fetches: () => fetches,
    token,
    headers: (audience) => ({ authorization: `Bearer ${token(audience)}` }),
    auth: (audience) => pubSubPushAuth({ audience, serviceAccount: PUSHER, certsUrl }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The audience a test gives function `name`: its URL, as Terraform sets it. */
export function audienceOf(name: string): string {
  return `https://judge-${name}-123456789012.europe-west1.run.app`;
}
