// The judge's side of a consistent-hashing run: the sharded-kv family's clients and membership
// service (harness/sharded-kv/), the declared virtual-node count read before epoch 1, probe
// keys chosen at the ring's edges, and the checks.
import { fileURLToPath } from "node:url";
import { CALL_DEADLINE_MS } from "../../harness/sharded-kv/client.ts";
import { shardedKvJudge } from "../../harness/sharded-kv/judge.ts";
import { declaredVnodes, ringChecks, ringOwnerFunction } from "./checks.ts";
import { designedRingKeys } from "./ring.ts";

export const judge = shardedKvJudge({
  service: {
    protoPath: fileURLToPath(new URL("./consistent_hashing.proto", import.meta.url)),
    service: "consistenthashing.ShardNode",
    callDeadlineMs: CALL_DEADLINE_MS,
  },
  model: "consistent-hashing",
  checks: ringChecks,
  declares: true,
  ownerFunction: ringOwnerFunction,
  designedKeys(members, record) {
    const vnodes = declaredVnodes(record);
    return typeof vnodes === "number" ? designedRingKeys(members, vnodes) : [];
  },
});
