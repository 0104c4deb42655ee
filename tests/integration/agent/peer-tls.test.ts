// On Cloud Run a peer's agent sits behind Google's front end: TLS on port 443, and only
// callers with an ID token get in. The agent dials such a peer over TLS and sends every
// call with a token fetched from the metadata server. Here the peer is a TLS HTTP/2 server
// with a self-signed certificate and the metadata server is a loopback HTTP server,
// both speaking the real wire protocols.
import assert from "node:assert/strict";
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, test } from "vitest";
import type { AgentConfigInput } from "../../../shared/agent/config.ts";
import { spawnAgent } from "./spawn-agent.ts";

const AUDIENCE = "https://cj-test-n1-123.europe-west1.run.app";
const dir = mkdtempSync(join(tmpdir(), "cj-peer-tls-"));
const seenByPeer: http2.IncomingHttpHeaders[] = [];
const tokenRequests: { audience: string | null; flavor: string | undefined }[] = [];
let peer: http2.Http2SecureServer;
let metadata: http.Server;
let agent: ChildProcess | null = null;
let egressPort = 0;

/** A token shaped like Google's: header.payload.signature, the payload holding `exp`. */
function fakeToken(n: number): string {
  const payload = Buffer.from(JSON.stringify({ aud: AUDIENCE, exp: Date.now() / 1000 + 3600 }));
  return `e30.${payload.toString("base64url")}.sig${n}`;
}

beforeAll(async () => {
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"],
      ...["-addext", "subjectAltName=DNS:localhost"],
      ...["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
    ],
    { stdio: "ignore" },
  );
  peer = http2.createSecureServer({
    key: readFileSync(join(dir, "key.pem")),
    cert: readFileSync(join(dir, "cert.pem")),
  });
  peer.on("stream", (stream, headers) => {
    seenByPeer.push(headers);
    stream.resume();
    stream.on("end", () =>
      stream.respond(
        { ":status": 200, "content-type": "application/grpc", "grpc-status": "0" },
        { endStream: true },
      ),
    );
  });
  await new Promise<void>((r) => peer.listen(0, "127.0.0.1", r));
  metadata = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://metadata");
    tokenRequests.push({
      audience: url.searchParams.get("audience"),
      flavor: req.headers["metadata-flavor"] as string | undefined,
    });
    res.end(fakeToken(tokenRequests.length));
  });
  await new Promise<void>((r) => metadata.listen(0, "127.0.0.1", r));

  const config: AgentConfigInput = {
    nodeId: "node-0",
    clusterSize: 2,
    ingress: { host: "127.0.0.1", port: 0 },
    node: { host: "127.0.0.1", port: 1 },
    peers: [
      {
        id: "node-1",
        egressPort: 0,
        agentAddress: `localhost:${(peer.address() as AddressInfo).port}`,
        tls: true,
        idTokenAudience: AUDIENCE,
      },
    ],
    command: { argv: ["/bin/true"], cwd: dir },
    dataDir: join(dir, "data"),
    autoStart: false,
  };
  const spawned = await spawnAgent(config, {
    GCE_METADATA_HOST: `127.0.0.1:${(metadata.address() as AddressInfo).port}`,
    NODE_EXTRA_CA_CERTS: join(dir, "cert.pem"),
  });
  agent = spawned.child;
  egressPort = spawned.egressPorts["node-1"] as number;
});

afterAll(async () => {
  agent?.kill("SIGKILL");
  peer?.close();
  metadata?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One unary gRPC call, as a node makes it to its peer through the agent's egress. */
async function callPeer(): Promise<string | undefined> {
  const session = http2.connect(`http://127.0.0.1:${egressPort}`);
  try {
    const stream = session.request({
      ":method": "POST",
      ":path": "/raft.ConsensusNode/RequestVote",
      "content-type": "application/grpc",
      te: "trailers",
    });
    stream.end(Buffer.from([0, 0, 0, 0, 0]));
    stream.resume();
    return await new Promise((resolve, reject) => {
      stream.on(
        "response",
        (h) => h["grpc-status"] !== undefined && resolve(String(h["grpc-status"])),
      );
      stream.on("trailers", (t) => resolve(String(t["grpc-status"])));
      stream.on("error", reject);
    });
  } finally {
    session.close();
  }
}

test("a call to a Cloud Run peer goes over TLS with an ID token for the peer's URL", async () => {
  assert.equal(await callPeer(), "0");
  const headers = seenByPeer.at(-1);
  assert.ok(headers, "the peer got the call over TLS");
  assert.match(String(headers["authorization"]), /^Bearer e30\..+\.sig1$/);
  assert.equal(headers["x-clusterjudge-from"], "node-0");
  assert.deepEqual(tokenRequests, [{ audience: AUDIENCE, flavor: "Google" }]);
});

test("the token is reused while it is fresh", async () => {
  assert.equal(await callPeer(), "0");
  assert.equal(await callPeer(), "0");
  assert.equal(tokenRequests.length, 1, "one fetch from the metadata server");
  assert.match(String(seenByPeer.at(-1)?.["authorization"]), /sig1$/);
});
