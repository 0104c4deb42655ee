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
  templateHints: {
    Put: "the owner under your view answers (once it has every other node's Transfer for that view), any other node forwards to it; UNAVAILABLE when that cannot happen now.",
    Get: "as Put: the owner under your view answers, any other node forwards to it.",
    SetMembership:
      "install a newer epoch (persist it), then send each member the keys it now owns.",
    Owners: "answer your epoch and the owner of each key under your view.",
  },
  plans: SHARD_PLANS,
};
