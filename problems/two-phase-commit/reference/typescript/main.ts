// Reference Two-Phase Commit node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR); node.ts serves.
import { startNode } from "./node.ts";

const peers = new Map(
  (process.env.PEERS ?? "")
    .split(",")
    .filter(Boolean)
    .map((item) => item.split("=") as [string, string]),
);
startNode({
  nodeId: process.env.NODE_ID ?? "",
  listenAddr: process.env.LISTEN_ADDR ?? "",
  dataDir: process.env.DATA_DIR ?? "",
  peers,
}).catch((err: unknown) => {
  console.error(`cannot start: ${String(err)}`);
  process.exit(1);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
