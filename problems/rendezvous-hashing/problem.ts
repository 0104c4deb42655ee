// Problem 6, Rendezvous Hashing: five nodes shard a key-value store by highest random weight;
// the judge, as the membership service, makes nodes join and leave and reads every node's
// view. The scenarios are the sharded-kv family's (harness/sharded-kv/plans/).
import type { ProblemDefinition } from "../../harness/problem.ts";
import { SHARD_PLANS } from "../../harness/sharded-kv/plans/index.ts";

export const rendezvousHashing: ProblemDefinition = {
  id: 6,
  slug: "rendezvous-hashing",
  title: "Rendezvous Hashing",
  difficulty: "Medium",
  nodeCount: 5,
  description:
    "Highest-random-weight owner agreed by all; balance; only the departed node's keys move",
  protoFile: "rendezvous_hashing.proto",
  roles: [],
  plans: SHARD_PLANS,
};
