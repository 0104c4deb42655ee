// Each node runs as a uid (and gid) of its own, outside every range a distribution hands
// out: one block of uids per cluster, picked by the cluster key's hash, one uid per node.
import { createHash } from "node:crypto";
import { NODE_UID_BASE, NODE_UID_BLOCKS, NODE_UIDS_PER_CLUSTER } from "./limits.ts";

export function nodeUid(key: string, index: number): number {
  if (index < 0 || index >= NODE_UIDS_PER_CLUSTER)
    throw new Error(`node index ${index} out of range`);
  const block = createHash("sha256").update(key).digest().readUInt32BE(0) % NODE_UID_BLOCKS;
  return NODE_UID_BASE + block * NODE_UIDS_PER_CLUSTER + index;
}
