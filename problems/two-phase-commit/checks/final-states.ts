// Every node's final State (the judge's last reads), by node: its balances, and each
// transaction's status and vote as that node reports it.
import type { RunRecord } from "../../../harness/run-record.ts";
import { stateOf, type NodeState, type TxnOp, type TxnStateWire } from "../client.ts";

export interface FinalStates {
  byNode: Map<string, NodeState>;
  /** Nodes whose State was never answered. */
  missing: string[];
}

export function finalStates(run: RunRecord<TxnOp>): FinalStates {
  const byNode = new Map<string, NodeState>();
  for (const op of run.finalReads) {
    const node = op.attempts.at(-1)?.node;
    const state = stateOf(op);
    if (node && state) byNode.set(node, state);
  }
  return { byNode, missing: run.nodes.filter((n) => !byNode.has(n)) };
}

/** A node's transactions by id. */
export function txnsOf(state: NodeState | undefined): Map<number, TxnStateWire> {
  return new Map((state?.txns ?? []).map((t) => [t.txn_id, t]));
}

/** "COMMITTED", "ABORTED", "PREPARED", "PENDING", or null when the node does not list it. */
export function statusAt(state: NodeState | undefined, txn: number): string | null {
  const status = txnsOf(state).get(txn)?.status;
  return status ? status.replace("STATUS_", "") : null;
}
