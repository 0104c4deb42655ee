// The problems the spec announces that have no folder yet: in the catalogue, not judged.
// When a problem gets its folder and registry line (problems/index.ts), its entry leaves.
import type { AnnouncedProblem, Difficulty } from "../shared/domain/problems.ts";

function announced(
  id: number,
  slug: string,
  title: string,
  difficulty: Difficulty,
  nodeCount: number,
  description: string,
): AnnouncedProblem {
  return { id, slug, title, difficulty, nodeCount, description };
}

export const ANNOUNCED: readonly AnnouncedProblem[] = [
  announced(
    5,
    "consistent-hashing",
    "Consistent Hashing",
    "Medium",
    5,
    "Nodes agree on each key's owner; bounded load; minimal movement on join and leave",
  ),
  announced(
    6,
    "rendezvous-hashing",
    "Rendezvous Hashing",
    "Medium",
    5,
    "Highest-random-weight owner agreed by all; balance; only the departed node's keys move",
  ),
  announced(
    8,
    "leaky-bucket",
    "Leaky Bucket Rate Limiter",
    "Medium",
    3,
    "A smooth cluster-wide outflow rate; queue bound respected",
  ),
  announced(
    9,
    "fixed-window",
    "Fixed Window Rate Limiter",
    "Medium",
    3,
    "At most N admitted per window cluster-wide, within a tolerance",
  ),
  announced(
    10,
    "sliding-window",
    "Sliding Window Rate Limiter",
    "Medium",
    3,
    "At most N admitted in any window of the set length, cluster-wide",
  ),
];
