// On Cloud Run anyone who reaches an agent's TCP ingress could claim to be a peer's agent
// (x-clusterjudge-from) or the judge's clients (no header) and skip its own agent's faults
// and recorder. With a control token each call there must carry a proof (call-proofs.ts);
// others are refused UNAUTHENTICATED before they reach the node. Two real agents over
// loopback TCP, each in front of an HTTP/2 server standing in for its node that notes the
// headers it was given: node-1 as on Cloud Run (control on the ingress), node-2 with its
// control on a socket (its ingress would have a fast path without the token).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, test } from "vitest";
import { PROOF_HEADER, clientProof, peerProof } from "../../../shared/agent/call-proofs.ts";
import type { AgentConfigInput } from "../../../shared/agent/config.ts";
import { ControlClient } from "../../../shared/agent/control-client.ts";
import { CONTROL_TOKEN_HEADER } from "../../../shared/agent/protocol.ts";
import { FROM_HEADER } from "../../../shared/agent/proxy.ts";
import { freePorts } from "../../../shared/adapters/local/cluster/ports.ts";
import { spawnAgent, type SpawnedAgent } from "./spawn-agent.ts";

const TOKEN = "the-clusters-control-token-32ch!";
const OTHER_CLUSTER_TOKEN = "another-clusters-control-token!!";
const METHOD = "/raft.ConsensusNode/RequestVote";
const UNAUTHENTICATED = 16;
const dir = mkdtempSync(join(tmpdir(), "cj-call-proofs-"));

/** Stands in for a node: answers every call OK and keeps the headers it got. */
class FakeNode {
  readonly seen: http2.IncomingHttpHeaders[] = [];
  readonly server = http2.createServer();

  async start(): Promise<number> {
    this.server.on("stream", (stream, headers) => {
      this.seen.push(headers);
      stream.resume();
      stream.on("end", () =>
        stream.respond(
          { ":status": 200, "content-type": "application/grpc", "grpc-status": "0" },
          { endStream: true },
        ),
      );
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return (this.server.address() as AddressInfo).port;
  }
}

const node1 = new FakeNode();
const node2 = new FakeNode();
let agent1: SpawnedAgent;
let agent2: SpawnedAgent;
let control1: ControlClient;
let control2: ControlClient;

function agentConfig(
  nodeId: string,
  ingressPort: number,
  nodePort: number,
  peers: [string, number][],
): AgentConfigInput {
  return {
    nodeId,
    clusterSize: 3,
    ingress: { host: "127.0.0.1", port: ingressPort },
    controlToken: TOKEN,
    node: { host: "127.0.0.1", port: nodePort },
    peers: peers.map(([id, port]) => ({ id, egressPort: 0, agentAddress: `127.0.0.1:${port}` })),
    command: { argv: ["/bin/true"], cwd: dir },
    dataDir: join(dir, nodeId),
    autoStart: false,
  };
}

beforeAll(async () => {
  const [port1, port2] = (await freePorts(2)) as [number, number];
  const [nodePort1, nodePort2] = [await node1.start(), await node2.start()];
  agent1 = await spawnAgent(agentConfig("node-1", port1, nodePort1, [["node-2", port2]]));
  // node-3 is a peer of node-2's that never answers: its proofs are what a hostile node
  // would like to replay.
  agent2 = await spawnAgent({
    ...agentConfig("node-2", port2, nodePort2, [
      ["node-1", port1],
      ["node-3", 1],
    ]),
    controlOnTcp: false,
    ingressSocket: join(dir, "node-2.sock"),
  });
  control1 = new ControlClient(`http://127.0.0.1:${port1}`, {
    headers: () => ({ [CONTROL_TOKEN_HEADER]: TOKEN }),
  });
  control2 = new ControlClient(`unix:${join(dir, "node-2.sock")}`, {
    headers: () => ({ [CONTROL_TOKEN_HEADER]: TOKEN }),
  });
});

afterAll(() => {
  control1?.close();
  control2?.close();
  node1.server.close();
  node2.server.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await Promise.all([control1.setLinks([]), control2.setLinks([])]);
  await Promise.all([control1.clear(), control2.clear()]);
  node1.seen.length = 0;
  node2.seen.length = 0;
});

/** One unary gRPC call on a fresh connection; resolves with its grpc-status. */
async function call(port: number, headers: Record<string, string> = {}): Promise<number> {
  const session = connect(port);
  try {
    return await callOn(session, headers);
  } finally {
    session.close();
  }
}

function connect(port: number): http2.ClientHttp2Session {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  session.on("error", () => {});
  return session;
}

function callOn(session: http2.ClientHttp2Session, headers: Record<string, string>) {
  const stream = session.request({
    ":method": "POST",
    ":path": METHOD,
    "content-type": "application/grpc",
    te: "trailers",
    ...headers,
  });
  stream.end(Buffer.from([0, 0, 0, 0, 0]));
  stream.resume();
  return new Promise<number>((resolve, reject) => {
    stream.on(
      "response",
      (h) => h["grpc-status"] !== undefined && resolve(Number(h["grpc-status"])),
    );
    stream.on("trailers", (t) => resolve(Number(t["grpc-status"])));
    stream.on("error", reject);
  });
}

const asPeer = (from: string, proof?: string) => ({
  [FROM_HEADER]: from,
  ...(proof === undefined ? {} : { [PROOF_HEADER]: proof }),
});

test("a call naming a peer without that peer's proof is refused, and the node never sees it", async () => {
  const forged = [
    asPeer("node-1"),
    asPeer("node-1", "x".repeat(43)),
    asPeer("node-1", peerProof(OTHER_CLUSTER_TOKEN, "node-1", "node-2")),
    asPeer("node-1", peerProof(TOKEN, "node-2", "node-1")),
    // Not a peer at all, however well it proves it.
    asPeer("node-9", peerProof(TOKEN, "node-9", "node-2")),
    asPeer("node-1, node-1", peerProof(TOKEN, "node-1", "node-2")),
  ];
  for (const headers of forged) {
    assert.equal(await call(agent2.ingressPort, headers), UNAUTHENTICATED, JSON.stringify(headers));
  }
  // node-1's agent serves control on the same port, as on Cloud Run: no exception there.
  assert.equal(await call(agent1.ingressPort, asPeer("node-2")), UNAUTHENTICATED);
  assert.deepEqual([node1.seen.length, node2.seen.length], [0, 0]);
  assert.equal((await control2.messages()).items.length, 0, "nothing recorded either");
});

test("a call with no from and without the judge's proof is refused", async () => {
  assert.equal(await call(agent2.ingressPort), UNAUTHENTICATED);
  assert.equal(await call(agent2.ingressPort, { [PROOF_HEADER]: "" }), UNAUTHENTICATED);
  const otherCluster = clientProof(OTHER_CLUSTER_TOKEN, "node-2");
  assert.equal(await call(agent2.ingressPort, { [PROOF_HEADER]: otherCluster }), UNAUTHENTICATED);
  assert.equal(await call(agent1.ingressPort), UNAUTHENTICATED);
  assert.deepEqual([node1.seen.length, node2.seen.length], [0, 0]);
  assert.equal((await control2.messages()).items.length, 0);
});

test("a proof meant for node-1 does not open node-2", async () => {
  const toNode1 = { [PROOF_HEADER]: clientProof(TOKEN, "node-1") };
  assert.equal(await call(agent2.ingressPort, toNode1), UNAUTHENTICATED);
  assert.equal(
    await call(agent2.ingressPort, asPeer("node-3", peerProof(TOKEN, "node-3", "node-1"))),
    UNAUTHENTICATED,
  );
  assert.equal(node2.seen.length, 0);
  // The same proofs, made for node-2, are what its agent takes.
  const toNode2 = { [PROOF_HEADER]: clientProof(TOKEN, "node-2") };
  assert.equal(await call(agent2.ingressPort, toNode2), 0);
  assert.equal(
    await call(agent2.ingressPort, asPeer("node-3", peerProof(TOKEN, "node-3", "node-2"))),
    0,
  );
  assert.equal(node2.seen.length, 2);
});

test("the judge's client call with its proof reaches the node as a client call, without the proof or its ID token", async () => {
  assert.equal(
    await call(agent2.ingressPort, {
      [PROOF_HEADER]: clientProof(TOKEN, "node-2"),
      authorization: "Bearer the-judges-id-token",
    }),
    0,
  );
  const seen = node2.seen.at(-1);
  assert.ok(seen);
  assert.equal(seen[PROOF_HEADER], undefined);
  assert.equal(seen[FROM_HEADER], undefined);
  assert.equal(seen["authorization"], undefined, "a node never holds a caller's ID token");
  const records = (await control2.messages()).items;
  assert.deepEqual(
    records.map((r) => [r.from, r.to, r.method, r.status]),
    [["client", "node-2", METHOD, 0]],
  );
});

test("a node's call through its agent's egress arrives, on the fast path and the full proxy, recorded once with its sender", async () => {
  const egress = agent1.egressPorts["node-2"] as number;
  // Each connection stays open while the agent is asked which path it took.
  const relayed = connect(egress);
  assert.equal(await callOn(relayed, {}), 0);
  assert.deepEqual((await control1.info()).connections, { fast: 1, full: 0 });
  relayed.close();
  await control1.setLinks([{ link: "node-2", delayMs: 1 }]);
  const proxied = connect(egress);
  assert.equal(await callOn(proxied, {}), 0);
  assert.equal((await control1.info()).connections.full, 1);
  proxied.close();
  assert.equal(node2.seen.length, 2);
  for (const seen of node2.seen) {
    assert.equal(seen[PROOF_HEADER], undefined, "the node never sees a proof");
    assert.equal(seen[FROM_HEADER], undefined);
  }
  const sent = (await control1.messages()).items;
  assert.deepEqual(
    sent.map((r) => [r.from, r.to, r.method, r.status]),
    [
      ["node-1", "node-2", METHOD, 0],
      ["node-1", "node-2", METHOD, 0],
    ],
  );
  assert.equal((await control2.messages()).items.length, 0, "the receiver records it not again");
});

test("a node that writes its own claim on its egress gets no further: replaced, or refused", async () => {
  const egress = agent1.egressPorts["node-2"] as number;
  const claim = asPeer("node-3", peerProof(OTHER_CLUSTER_TOKEN, "node-3", "node-2"));
  // Fast path: its header block goes on as written, with the agent's appended: refused.
  assert.equal(await call(egress, claim), UNAUTHENTICATED);
  assert.equal(node2.seen.length, 0);
  // Full proxy: the agent's own claim replaces it.
  await control1.setLinks([{ link: "node-2", delayMs: 1 }]);
  assert.equal(await call(egress, claim), 0);
  assert.equal(node2.seen.length, 1);
});
