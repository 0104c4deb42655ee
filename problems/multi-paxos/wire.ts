// How the judge's clients talk to a Multi-Paxos node (statement.md, "Clients"): every
// operation to the leader, NOT_LEADER naming it in `leader_hint`, 1 s a call.
import { fileURLToPath } from "node:url";
import { statusWire } from "../../harness/leader-kv/wire.ts";

export const PROTO_PATH = fileURLToPath(new URL("./multi_paxos.proto", import.meta.url));

export const paxosWire = statusWire({
  protoPath: PROTO_PATH,
  packageName: "multipaxos",
  service: "PaxosNode",
  callDeadlineMs: 1000,
  redirectStatuses: { NOT_LEADER: "not_leader" },
  hintField: "leader_hint",
  route: () => "leader",
});
