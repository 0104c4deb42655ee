// The cloud API knows its caller by a Firebase ID token. Keys and tokens here are made the
// way Google makes them (an RSA key, its X.509 certificate published by key id, RS256 JWTs),
// and the keys are served on loopback in the shape of the securetoken endpoint.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createSign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, test } from "vitest";
import type { Request } from "express";
import { UnauthenticatedError } from "../../functions/api/ports.ts";
import { firebaseIdentity } from "../../functions/cloud/firebase-identity.ts";

const PROJECT = "cj-test-project";
const KID = "key-1";
const dir = mkdtempSync(join(tmpdir(), "cj-firebase-"));
let key = "";
let certsServer: http.Server;
let certsUrl = "";
let certFetches = 0;

beforeAll(async () => {
  execFileSync(
    "openssl",
    [
      ...[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=securetoken",
      ],
      ...["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
    ],
    { stdio: "ignore" },
  );
  key = readFileSync(join(dir, "key.pem"), "utf8");
  const cert = readFileSync(join(dir, "cert.pem"), "utf8");
  certsServer = http.createServer((_req, res) => {
    certFetches++;
    res.setHeader("cache-control", "public, max-age=3600");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ [KID]: cert }));
  });
  await new Promise<void>((r) => certsServer.listen(0, "127.0.0.1", r));
  certsUrl = `http://127.0.0.1:${(certsServer.address() as AddressInfo).port}/certs`;
});

afterAll(() => {
  certsServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");

function token(claims: Record<string, unknown>, kid = KID): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    sub: "uid-alice",
    iat: now - 10,
    exp: now + 3600,
    auth_time: now - 10,
    ...claims,
  };
  const unsigned = `${b64({ alg: "RS256", kid, typ: "JWT" })}.${b64(payload)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(key).toString("base64url");
  return `${unsigned}.${signature}`;
}

const requestWith = (authorization?: string): Request =>
  ({ header: (name: string) => (name === "authorization" ? authorization : undefined) }) as Request;

test("a valid token gives its user; the keys are fetched once while Google says they hold", async () => {
  const identify = firebaseIdentity({ projectId: PROJECT, certsUrl });
  assert.equal(await identify(requestWith(`Bearer ${token({})}`)), "uid-alice");
  assert.equal(await identify(requestWith(`Bearer ${token({ sub: "uid-bob" })}`)), "uid-bob");
  assert.equal(certFetches, 1);
});

test("no token, another project's, an expired or a forged one is refused in words", async () => {
  const identify = firebaseIdentity({ projectId: PROJECT, certsUrl });
  const refused = async (authorization: string | undefined, why: RegExp) =>
    assert.rejects(identify(requestWith(authorization)), (err: Error) => {
      assert.ok(err instanceof UnauthenticatedError, String(err));
      assert.match(err.message, why);
      return true;
    });
  await refused(undefined, /sign in: send your Firebase ID token/);
  await refused(`Bearer ${token({ aud: "another-project" })}`, /refused.*audience/i);
  await refused(
    `Bearer ${token({ iss: "https://securetoken.google.com/another-project" })}`,
    /refused.*issuer/i,
  );
  const past = Math.floor(Date.now() / 1000) - 7200;
  await refused(`Bearer ${token({ iat: past, exp: past + 3600 })}`, /refused.*(expired|late)/i);
  const forged = token({}).replace(/\.[^.]+$/, ".c2lnbmF0dXJl");
  await refused(`Bearer ${forged}`, /refused/);
  await refused(`Bearer ${token({ sub: "" })}`, /refused/);
});

/** A token as the Auth emulator makes it: "alg": "none" and an empty signature. */
function unsignedToken(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    sub: "uid-emulated",
    iat: now,
    exp: now + 3600,
    ...claims,
  };
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}

test("the Auth emulator's unsigned tokens pass only in emulator mode, which says so loudly", async () => {
  const logged: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => logged.push(chunk) > 0) as typeof process.stdout.write;
  let emulated: (req: Request) => Promise<string>;
  try {
    emulated = firebaseIdentity({ projectId: PROJECT, authEmulatorHost: "127.0.0.1:9099" });
  } finally {
    process.stdout.write = write;
  }
  assert.match(
    logged.join(""),
    /"severity":"WARNING".*UNSIGNED ID tokens.*never be set in production/,
  );
  assert.equal(await emulated(requestWith(`Bearer ${unsignedToken({})}`)), "uid-emulated");

  const refusedBy = async (identify: typeof emulated, token: string, why: RegExp) =>
    assert.rejects(identify(requestWith(`Bearer ${token}`)), (err: Error) => {
      assert.ok(err instanceof UnauthenticatedError, String(err));
      assert.match(err.message, why);
      return true;
    });
  await refusedBy(emulated, unsignedToken({ aud: "another-project" }), /audience/);
  await refusedBy(emulated, unsignedToken({ iss: "https://example.com" }), /issuer/);
  await refusedBy(emulated, unsignedToken({ exp: Math.floor(Date.now() / 1000) - 1 }), /expired/);
  await refusedBy(emulated, unsignedToken({ sub: "" }), /no user/);
  await refusedBy(emulated, token({}), /not an Auth emulator token/);

  assert.equal(process.env.FIREBASE_AUTH_EMULATOR_HOST, undefined, "this test runs without it");
  const production = firebaseIdentity({ projectId: PROJECT, certsUrl });
  await refusedBy(production, unsignedToken({}), /refused/);
});
