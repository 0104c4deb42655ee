// The numbers statement.md states and the checks hold nodes to.

/** Every node's balance at start; the total is this times the node count. */
export const INITIAL_BALANCE = 1000;

/** A transfer the judge asks for carries 1 to this many tokens. */
export const AMOUNT_MAX = 20;
