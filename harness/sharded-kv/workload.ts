// A sharded-kv scenario's clients and the memberships the judge sends: each client puts or
// gets a key of a small set at a random node; the judge installs each membership at its time.
import type { ClientsSpec } from "../any-node/workload.ts";
import type { Random } from "../random.ts";
import type { ShardOp } from "./client.ts";

/** A membership the judge sends at atMs (the first at 0, before any client call). */
export interface MembershipStep {
  atMs: number;
  members: string[];
}

export interface ShardWorkload extends ClientsSpec {
  keys: string[];
  putShare: number;
  memberships: MembershipStep[];
}

export function nextOp(rng: Random, spec: ClientsSpec): Pick<ShardOp, "f" | "key"> {
  const { keys, putShare } = spec as ShardWorkload;
  return { f: rng.next() < putShare ? "put" : "get", key: rng.pick(keys) };
}
