// For the rate limiters' in-process gRPC tests: three reference nodes served on free ports
// of 127.0.0.1 inside the test's process, each knowing the others' addresses, and the judge's
// own channels to them.
import { createServer } from "node:net";
import { NodeConnections, type ServiceAddress } from "../../../harness/any-node/connections.ts";

/** What a reference's server needs: its id, where it listens, every other node's address. */
export interface LocalNodeEnv {
  nodeId: string;
  listenAddr: string;
  peers: ReadonlyMap<string, string>;
}

export interface LocalCluster {
  connections: NodeConnections<object>;
  stop(): void;
}

/** A port free right now on 127.0.0.1. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

export async function startLocalCluster(
  service: ServiceAddress,
  start: (env: LocalNodeEnv) => Promise<{ stop(): void }>,
  ids: readonly string[] = ["node-0", "node-1", "node-2"],
): Promise<LocalCluster> {
  const ports = await Promise.all(ids.map(freePort));
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
    stop() {
      connections.close();
      for (const node of running) node.stop();
    },
  };
}
