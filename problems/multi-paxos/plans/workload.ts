// The clients of Multi-Paxos's own scenarios: they follow leader hints, as the statement's
// clients do, and append unique values so a command applied twice or out of place shows.
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";

export const PAXOS_CLIENTS: KvWorkload = {
  clients: 4,
  keys: 5,
  mix: { get: 3, put: 2, append: 5 },
  thinkMs: [30, 80],
  targeting: "leader",
};
