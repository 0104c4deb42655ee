// Raft's client wire (raft.proto): every operation, GETs too, goes to the leader; a follower
// answers NOT_LEADER with leader_hint.
import { fileURLToPath } from "node:url";
import { statusWire } from "../../harness/leader-kv/wire.ts";

export const PROTO_PATH = fileURLToPath(new URL("./raft.proto", import.meta.url));

export const raftWire = statusWire({
  protoPath: PROTO_PATH,
  packageName: "raft",
  service: "ConsensusNode",
  // The node contract's default deadline for one call.
  callDeadlineMs: 1000,
  redirectStatuses: { NOT_LEADER: "not_leader" },
  hintField: "leader_hint",
  route: () => "leader",
});
