// Reference fixed window node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each key has
// one home node that counts its requests in the current window; the others forward to it
// and deny when it does not answer (statement.md). Nothing is written to disk.
import { startNode } from "./server.ts";

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const peers = new Map(
  (process.env.PEERS ?? "")
    .split(",")
    .filter(Boolean)
    .map((item) => item.split("=") as [string, string]),
);

startNode({ nodeId, listenAddr, peers }).then(
  () => console.log(`${nodeId} listening on ${listenAddr}`),
  (err: Error) => {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  },
);

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
