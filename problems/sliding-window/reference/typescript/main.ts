// Reference sliding-window limiter node: the platform runs it as `node node.cjs` with the
// node contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS; DATA_DIR unused:
// nothing is on disk). Each key has one home node that keeps its log and decides; any other
// node forwards Allow there and denies when the home does not answer in time (statement.md).
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
  () => console.log(`${nodeId} listening on ${listenAddr}, waiting for Configure`),
  (err: Error) => {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  },
);

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
