// The numbers statement.md states and the checks hold nodes to.

/**
 * What a node's reading of a span may differ from the judge's: a few ms of clock reading,
 * and how much faster one machine's clock may run than another's (within 100 ppm; ten times
 * that here).
 */
export const CLOCK_MARGIN_MS = 5;
export const CLOCK_RATE_SLACK = 1e-3;

/**
 * How much longer than queue_size drain intervals an allowed request may take from its
 * invoke to its answer in a settled, fault-free stretch: the network both ways, a forward to
 * the key's home, a timer that fires late on a loaded machine.
 */
export const WAIT_GRACE_MS = 1000;

/** A request is judged by the wait check only this long after every Configure and fault. */
export const SETTLE_MS = 1500;
