// The fixed accounts and the timing bounds of statement.md: node-1 holds "a" and "b", node-2
// holds "c" and "d", each starting at 100; node-0 coordinates and holds none.
export const COORDINATOR = "node-0";
export const PARTICIPANTS = ["node-1", "node-2"] as const;
export const ACCOUNTS_OF: Readonly<Record<string, readonly string[]>> = {
  "node-1": ["a", "b"],
  "node-2": ["c", "d"],
};
export const ALL_ACCOUNTS = ["a", "b", "c", "d"];
export const INITIAL_BALANCE = 100;

/** The coordinator aborts a transaction whose votes are not all in this long after it began. */
export const VOTE_TIMEOUT_MS = 1000;
/** A Prepare or Decide call waits this long for its answer... */
export const CALL_MS = 300;
/** ...and is sent again this long after it failed. */
export const RETRY_PAUSE_MS = 200;
/** A participant asks the coordinator about a transaction prepared this long ago... */
export const IN_DOUBT_AFTER_MS = 1000;
/** ...and again this often until it has the decision; each query waits this long. */
export const QUERY_INTERVAL_MS = 300;
export const QUERY_CALL_MS = 500;
/** A client call waits this long for its transaction's decision, then answers UNAVAILABLE. */
export const CLIENT_WAIT_MS = 1500;
