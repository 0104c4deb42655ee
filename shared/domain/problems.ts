// The problem catalogue: the 19 problems of the handout's spec/problems.md, with stable ids
// and slugs. Only problems marked `judged` have a contract, scenarios and toolchains today;
// a submission for any other is refused with a message that says so.

/** Languages the judge can build today (one toolchain each under shared/toolchains). */
export const LANGUAGES = ["python", "typescript"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The file a node starts from in each language (the toolchains build from it). */
export const ENTRY_FILES: Readonly<Record<Language, string>> = {
  python: "main.py",
  typescript: "main.ts",
};

export type Difficulty = "Medium" | "Medium-Hard" | "Hard";

export interface Problem {
  id: number;
  slug: string;
  title: string;
  difficulty: Difficulty;
  nodeCount: number;
  /** What the judge checks, in one line. */
  description: string;
  languages: readonly Language[];
  /** True when scenarios and checkers exist, so submissions are accepted. */
  judged: boolean;
}

function problem(
  id: number,
  slug: string,
  title: string,
  difficulty: Difficulty,
  nodeCount: number,
  description: string,
  judged = false,
): Problem {
  return { id, slug, title, difficulty, nodeCount, description, languages: LANGUAGES, judged };
}

export const PROBLEMS: readonly Problem[] = [
  problem(
    1,
    "raft",
    "Raft Consensus",
    "Hard",
    5,
    "Linearizable KV under kills, partitions, restarts; one leader per term",
    true,
  ),
  problem(
    2,
    "multi-paxos",
    "Multi-Paxos",
    "Hard",
    5,
    "Linearizable log-backed KV; one value chosen per slot",
  ),
  problem(
    3,
    "two-phase-commit",
    "Two-Phase Commit",
    "Medium",
    3,
    "Atomic commit, no commit without every yes vote, recovery of in-doubt transactions",
  ),
  problem(
    4,
    "chandy-lamport",
    "Chandy-Lamport Snapshots",
    "Medium",
    3,
    "Every snapshot is a consistent cut that conserves the total, with channel states",
  ),
  problem(
    5,
    "consistent-hashing",
    "Consistent Hashing",
    "Medium",
    5,
    "Nodes agree on each key's owner; bounded load; minimal movement on join and leave",
  ),
  problem(
    6,
    "rendezvous-hashing",
    "Rendezvous Hashing",
    "Medium",
    5,
    "Highest-random-weight owner agreed by all; balance; only the departed node's keys move",
  ),
  problem(
    7,
    "token-bucket",
    "Token Bucket Rate Limiter",
    "Medium",
    3,
    "A cluster-wide rate and burst held across nodes within a tolerance; no starvation",
  ),
  problem(
    8,
    "leaky-bucket",
    "Leaky Bucket Rate Limiter",
    "Medium",
    3,
    "A smooth cluster-wide outflow rate; queue bound respected",
  ),
  problem(
    9,
    "fixed-window",
    "Fixed Window Rate Limiter",
    "Medium",
    3,
    "At most N admitted per window cluster-wide, within a tolerance",
  ),
  problem(
    10,
    "sliding-window",
    "Sliding Window Rate Limiter",
    "Medium",
    3,
    "At most N admitted in any window of the set length, cluster-wide",
  ),
  problem(
    11,
    "vector-clocks",
    "Vector Clocks",
    "Medium-Hard",
    3,
    "Timestamps order causally related events and leave concurrent ones incomparable",
  ),
  problem(
    12,
    "g-counter",
    "Grow-only Counter (CRDT)",
    "Medium-Hard",
    3,
    "Converges to the sum of acknowledged increments after healing",
  ),
  problem(13, "pn-counter", "PN-Counter (CRDT)", "Medium-Hard", 3, "As g-counter, with decrements"),
  problem(
    14,
    "or-set",
    "Observed-Remove Set (CRDT)",
    "Medium-Hard",
    3,
    "Add-wins semantics; convergence; no resurrected removes",
  ),
  problem(
    15,
    "lww-map",
    "Last-Writer-Wins Map (hybrid logical clocks)",
    "Medium-Hard",
    3,
    "Convergence; the causally last write wins under clock skew",
  ),
  problem(
    16,
    "gossip-broadcast",
    "Gossip Broadcast",
    "Medium-Hard",
    5,
    "Every broadcast value reaches every node after healing, within message and latency limits",
  ),
  problem(
    17,
    "bully-election",
    "Bully Leader Election",
    "Medium-Hard",
    5,
    "The highest live id leads; at most one leader once stable; re-election after kills",
  ),
  problem(
    18,
    "ricart-agrawala",
    "Ricart-Agrawala Mutual Exclusion",
    "Medium-Hard",
    3,
    "Mutual exclusion; requests granted in timestamp order; no deadlock",
  ),
  problem(
    19,
    "chain-replication",
    "Chain Replication",
    "Medium-Hard",
    3,
    "Linearizable KV through head and tail; the chain repairs itself after a node dies",
  ),
];

/** The problem with this slug (or numeric id, as text), or undefined. */
export function findProblem(slugOrId: string): Problem | undefined {
  const key = slugOrId.trim().toLowerCase();
  return PROBLEMS.find((p) => p.slug === key || String(p.id) === key);
}
