// How the judge's clients talk to a chain (statement.md, "Clients"): writes to the head, reads
// to the tail, NOT_HEAD / NOT_TAIL naming where to go in `hint`, 2 s a call.
import { fileURLToPath } from "node:url";
import { statusWire } from "../../harness/leader-kv/wire.ts";

export const PROTO_PATH = fileURLToPath(new URL("./chain_replication.proto", import.meta.url));

export const chainWire = statusWire({
  protoPath: PROTO_PATH,
  packageName: "chain",
  service: "ChainNode",
  callDeadlineMs: 2000,
  redirectStatuses: { NOT_HEAD: "not_head", NOT_TAIL: "not_tail" },
  hintField: "hint",
  route: (f) => (f === "get" ? "tail" : "head"),
});
