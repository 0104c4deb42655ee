// For the rate limiters' in-process gRPC tests: three reference nodes served on free ports
// of 127.0.0.1 inside the test's process, each knowing the others' addresses, the judge's
// own channels, Configure request and Allow codec to them, and the test every limiter that
// admits three at once shares.
import assert from "node:assert/strict";
import { afterAll, test } from "vitest";
import { NodeConnections, type ServiceAddress } from "../../../harness/any-node/connections.ts";
import { ALLOW_CODEC, type AllowOp } from "../../../harness/rate-limit/index.ts";
import { freePorts } from "../../../shared/adapters/local/cluster/ports.ts";

/** What a reference's server needs: its id, where it listens, every other node's address. */
export interface LocalNodeEnv {
  nodeId: string;
  listenAddr: string;
  peers: ReadonlyMap<string, string>;
}

export type StartNode = (env: LocalNodeEnv) => Promise<{ stop(): void }>;

export interface LocalCluster {
  connections: NodeConnections<object>;
  /** One Allow at `node`, answered: its decision and when the judge heard it. */
  allow(node: string, op: AllowOp): Promise<{ allowed: unknown; atMs: number }>;
  /** The same Configure at every node, each answered OK. */
  configureAll(request: object): Promise<void>;
  stop(): void;
}

/** A fresh Allow operation of client c0. */
export const allowOp = (sequence: number, key: string): AllowOp => ({
  id: sequence,
  client: "c0",
  sequence,
  f: "allow",
  key,
  outcome: "info",
  startMs: 0,
  endMs: null,
  attempts: [],
});

export async function startLocalCluster(
  service: ServiceAddress,
  start: StartNode,
  ids: readonly string[] = ["node-0", "node-1", "node-2"],
): Promise<LocalCluster> {
  const ports = await freePorts(ids.length);
  const addresses = new Map(ids.map((id, i) => [id, `127.0.0.1:${ports[i]}`]));
  const running = await Promise.all(
    ids.map((nodeId) =>
      start({
        nodeId,
        listenAddr: addresses.get(nodeId) as string,
        peers: new Map([...addresses].filter(([id]) => id !== nodeId)),
      }),
    ),
  );
  const connections = new NodeConnections<object>(service, addresses);
  return {
    connections,
    async allow(node, op) {
      const [attempt, res] = await connections.call(
        node,
        "Allow",
        ALLOW_CODEC.request(op, "run-c0"),
      );
      assert.equal(attempt.result, "ok", attempt.detail);
      ALLOW_CODEC.answered(op, res);
      return { allowed: op.output, atMs: attempt.endMs };
    },
    async configureAll(request) {
      for (const node of connections.nodes) {
        const [attempt] = await connections.call(node, "Configure", request);
        assert.equal(attempt.result, "ok", attempt.detail);
      }
    },
    stop() {
      connections.close();
      for (const node of running) node.stop();
    },
  };
}

/**
 * A limiter configured to admit three on a key and no more for a while: unconfigured, a node
 * denies; configured at every node, six requests on one key spread over the nodes get three
 * allowed, then three denied; a retry gets its decision again; another key counts alone;
 * an empty key is INVALID_ARGUMENT. `more` adds the problem's own calls.
 */
export function threeAtOnceOverGrpc(
  service: ServiceAddress,
  start: StartNode,
  configure: object,
  more?: (cluster: LocalCluster) => Promise<void>,
): void {
  let cluster: LocalCluster | null = null;
  afterAll(() => cluster?.stop());
  test("over gRPC: configured at every node, a key admits its limit wherever asked, and no more", async () => {
    cluster = await startLocalCluster(service, start);
    const { connections, allow } = cluster;
    const decision = async (node: string, op: AllowOp) => (await allow(node, op)).allowed;
    assert.equal(await decision("node-0", allowOp(1, "k")), false, "not configured yet: denied");
    await cluster.configureAll(configure);
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await decision(connections.nodes[i % 3] as string, allowOp(10 + i, "k")));
    assert.deepEqual(answers, [true, true, true, false, false, false]);
    assert.equal(await decision("node-0", allowOp(10, "k")), true, "a retry: the same decision");
    assert.equal(await decision("node-1", allowOp(20, "other")), true, "each key counts alone");
    const [bad] = await connections.call("node-0", "Allow", { key: "", request_id: "x" });
    assert.equal(bad.result, "invalid");
    await more?.(cluster);
  }, 20_000);
}
