// The judge's side of a rendezvous-hashing run: the sharded-kv family's clients and membership
// service (harness/sharded-kv/) and the checks. No declaration to read: the owner function
// has no parameter, and every key tells a wrong weight order apart.
import { fileURLToPath } from "node:url";
import { CALL_DEADLINE_MS } from "../../harness/sharded-kv/client.ts";
import { shardedKvJudge } from "../../harness/sharded-kv/judge.ts";
import { rendezvousChecks } from "./checks.ts";
import { rendezvousOwner } from "./weights.ts";

export const judge = shardedKvJudge({
  service: {
    protoPath: fileURLToPath(new URL("./rendezvous_hashing.proto", import.meta.url)),
    service: "rendezvoushashing.ShardNode",
    callDeadlineMs: CALL_DEADLINE_MS,
  },
  model: "rendezvous-hashing",
  checks: rendezvousChecks,
  declares: false,
  ownerFunction: () => rendezvousOwner,
  designedKeys: () => [],
});
