// The contract's timers (statement.md, "Timing"): a submission is built from its own folder,
// so the reference keeps its copy of the numbers; a test holds them equal to limits.ts.

/** The coordinator sends a Heartbeat to every other node this often. */
export const HEARTBEAT_MS = 200;
/** A node that heard nothing from the coordinator it names for this long elects. */
export const FAILURE_TIMEOUT_MS = 800;
/** An Election's answer is awaited this long; silence or an error means "not alive". */
export const ELECTION_ANSWER_MS = 300;
/** After an OK, a Coordinator from a higher node is awaited this long before electing again. */
export const COORDINATOR_WAIT_MS = 1000;
