// The numbers statement.md states, as the judge and the checks read them: the fixed accounts,
// their total, and the timing bounds (the reference keeps its own copy in accounts.ts).
export const COORDINATOR = "node-0";
export const PARTICIPANTS = ["node-1", "node-2"] as const;
export const ACCOUNTS_OF: Readonly<Record<string, readonly string[]>> = {
  "node-1": ["a", "b"],
  "node-2": ["c", "d"],
};
export const ALL_ACCOUNTS = ["a", "b", "c", "d"] as const;
export const INITIAL_BALANCE = 100;
export const TOTAL = INITIAL_BALANCE * ALL_ACCOUNTS.length;

/** The coordinator aborts a transaction whose votes are not all in this long after it began. */
export const VOTE_TIMEOUT_MS = 1000;
/**
 * "All YES commits" holds a coordinator only to transactions whose votes all came back (as
 * the agents timed them) within this much of the first Prepare: half the vote timeout leaves
 * the other half for the coordinator's own delays the agents cannot see.
 */
export const PROMPT_VOTES_MS = VOTE_TIMEOUT_MS / 2;
/** A participant asks the coordinator about a transaction prepared this long ago. */
export const IN_DOUBT_AFTER_MS = 1000;
/** Every transaction is resolved everywhere this long after the coordinator runs and reaches all. */
export const RESOLUTION_BOUND_MS = 3000;
