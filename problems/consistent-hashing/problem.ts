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
  plans: SHARD_PLANS,
};
