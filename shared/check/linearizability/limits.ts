// Every bound of the linearizability checker, with its unit and its reason.

/** A Raft scenario's history checks in well under a second when linearizable; a minute is
 * the longest a learner should wait for an answer before we call it unknown. */
export const CHECK_TIMEOUT_MS_DEFAULT = 60_000;

/** Memo entries per partition before giving up: each holds a copy of the linearized set
 * (4 bytes per 32 operations) and a state, so two million stays within a few hundred MiB
 * even for partitions of 1,000 operations. */
export const CACHE_ENTRIES_MAX_DEFAULT = 2_000_000;

/** Fraction of V8's heap limit the checker may fill before giving up (unknown): the rest is
 * left to the process that called it. */
export const HEAP_FRACTION_MAX = 0.6;

/** Search steps between two looks at the clock and the heap: each look costs about a
 * microsecond, and 4,096 steps take well under a millisecond. */
export const STEPS_PER_CLOCK_CHECK = 4_096;

/** Initial memo table slots (a power of two); it doubles when half full. */
export const CACHE_SLOTS_INITIAL = 1_024;

/** Operations of the longest legal order quoted in an explanation (the tail of it). */
export const EXPLANATION_PREFIX_OPS = 3;

/** Candidate operations listed in an explanation besides the stuck one. */
export const EXPLANATION_CANDIDATES_MAX = 4;

/** Share of the time and memo bounds the first search (call order) gets before the second
 * (open operations deferred) takes the rest. Call order wins on most simulated cluster
 * histories, deferring on some (the etcd corpus needs half the memo that way); half each
 * bounds the loss to a factor of two whichever is right. */
export const FIRST_ORDER_SHARE = 0.5;
