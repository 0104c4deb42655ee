// The timing and message bounds statement.md states, in one place: the reference's timers,
// the checks' bounds and the plans' spacing all read them. Derivation in statement.md.

/** The coordinator sends a Heartbeat to every other node this often. */
export const HEARTBEAT_MS = 200;
/** A node that heard nothing from the coordinator it names for this long elects. */
export const FAILURE_TIMEOUT_MS = 800;
/** An Election's answer is awaited this long; silence or an error means "not alive". */
export const ELECTION_ANSWER_MS = 300;
/** After an OK, a Coordinator from a higher node is awaited this long before electing again. */
export const COORDINATOR_WAIT_MS = 1000;
/**
 * After a kill, a restart, a heal or the start, every live node names the highest live id
 * within this long: failure timeout + coordinator wait + answer timeout is 2.1 s, a restarted
 * node's start-up up to 1.5 s, with slack for a loaded machine.
 */
export const CONVERGENCE_BOUND_MS = 3000;
/**
 * An Election answered OK this much faster than ELECTION_ANSWER_MS was surely heard by its
 * sender before its own deadline (the answer's way back from the agent is the slack).
 */
export const HEARD_MARGIN_MS = 150;
/** Election calls from one fault change until the bound has passed, and from then to the next. */
export const ELECTIONS_PER_CHANGE_MAX = 40;
/** Coordinator calls, counted the same way. */
export const COORDINATORS_PER_CHANGE_MAX = 40;
