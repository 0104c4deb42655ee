// Problem 5, Consistent Hashing: five nodes shard a key-value store over a hash ring with
// virtual nodes; the judge, as the membership service, makes nodes join and leave and reads
// every node's view. The scenarios are the sharded-kv family's (harness/sharded-kv/plans/).
import type { ProblemDefinition } from "../../harness/problem.ts";
import { SHARD_PLANS } from "../../harness/sharded-kv/plans/index.ts";

export const consistentHashing: ProblemDefinition = {
  id: 5,
  slug: "consistent-hashing",
  title: "Consistent Hashing",
  difficulty: "Medium",
  nodeCount: 5,
  description: "Nodes agree on each key's owner; bounded load; minimal movement on join and leave",
  protoFile: "consistent_hashing.proto",
  roles: [],
  templateHints: {
    Put: "the owner under your view answers (once it has every other node's Transfer for that view), any other node forwards to it; UNAVAILABLE when that cannot happen now.",
    Get: "as Put: the owner under your view answers, any other node forwards to it.",
    SetMembership:
      "install a newer epoch (persist it), then send each member the keys it now owns.",
    Owners: "answer your epoch and the owner of each key under your view.",
  },
  plans: SHARD_PLANS,
};
