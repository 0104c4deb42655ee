// Each node runs as a uid (and gid) of its own, outside every range a distribution hands
// out: one block of uids per cluster, picked by the cluster key's hash, one uid per node.
// A build tool runs as a uid of its own too, from a range after every node block.
import { createHash, randomInt } from "node:crypto";
import {
  BUILD_UID_BASE,
  BUILD_UIDS,
  NODE_UID_BASE,
  NODE_UID_BLOCKS,
  NODE_UIDS_PER_CLUSTER,
} from "./limits.ts";

export function nodeUid(key: string, index: number): number {
  if (index < 0 || index >= NODE_UIDS_PER_CLUSTER)
    throw new Error(`node index ${index} out of range`);
  const block = createHash("sha256").update(key).digest().readUInt32BE(0) % NODE_UID_BLOCKS;
  return NODE_UID_BASE + block * NODE_UIDS_PER_CLUSTER + index;
}

/** A fresh uid for one build tool run: no node has it, and another build only by chance. */
export function buildUid(): number {
  return BUILD_UID_BASE + randomInt(BUILD_UIDS);
}
