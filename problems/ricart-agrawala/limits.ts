// The bounds statement.md states and the checks hold nodes to.

/** With no fault in force, an acquire is granted within this (2 entries ahead, ≤ 50 ms each). */
export const GRANT_WITHIN_MS = 2000;
/**
 * After a fault ends, this long passes before the grant bound applies again: resends back
 * off at most 500 ms, so what a fault held back has been delivered by then.
 */
export const SETTLE_MS = 2000;
/** A node waits at least this long for a peer call's answer before it sends it again. */
export const RESEND_AFTER_MS = 500;
/**
 * A resend is excess only when the agent saw the earlier call answered OK within this: the
 * sender then heard it at least RESEND_AFTER_MS − this before its own deadline.
 */
export const ANSWERED_QUICKLY_MS = 100;
/**
 * The grant bound applies from this long after the scenario's start: the nodes were started
 * just before it and may take a while to listen (a JVM, say), which delays the first grants.
 */
export const STARTUP_GRACE_MS = 3000;
