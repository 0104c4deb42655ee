// A participant's accounts and transactions, without I/O of its own: a Prepare locks the
// accounts the transaction touches and votes; a decision received applies or drops it. Every
// vote and every decision is saved (the file fsyncs) before the call that made it returns, so
// before the answer leaves. Locks are the PREPARED transactions themselves: a restart keeps them.
import { ACCOUNTS_OF, INITIAL_BALANCE, IN_DOUBT_AFTER_MS } from "./accounts.ts";
import type {
  Balance,
  DecideRequest,
  Kind,
  PrepareReply,
  PrepareRequest,
  StateReply,
  Vote,
} from "./proto.ts";
import type { StateFile } from "./state-file.ts";

interface LocalTxn {
  kind: Kind;
  source: string;
  target: string;
  amount: number;
  status: "PREPARED" | "COMMITTED" | "ABORTED";
  /** null: it learned the abort before any Prepare reached it. */
  vote: Vote | null;
}

export interface ParticipantState {
  balances: Record<string, number>;
  txns: Record<string, LocalTxn>;
}

/** A decision that contradicts the one already applied: a coordinator's bug, not retried. */
export class DecisionConflict extends Error {}

export class Participant {
  private readonly state: ParticipantState;
  private readonly accounts: readonly string[];
  /** When each PREPARED transaction was prepared in this run (0: before the last restart). */
  private readonly preparedAt = new Map<number, number>();

  constructor(
    nodeId: string,
    private readonly file: StateFile<ParticipantState>,
  ) {
    this.accounts = ACCOUNTS_OF[nodeId] ?? [];
    this.state = file.load() ?? {
      balances: Object.fromEntries(this.accounts.map((a) => [a, INITIAL_BALANCE])),
      txns: {},
    };
    for (const [id, txn] of Object.entries(this.state.txns))
      if (txn.status === "PREPARED") this.preparedAt.set(Number(id), 0);
  }

  prepare(req: PrepareRequest, nowMs: number): PrepareReply {
    const known = this.state.txns[req.txn_id];
    // A repeated Prepare: the vote recorded, never a new one.
    if (known) return { vote: known.vote ?? "NO", balances: this.balancesFor(known) };
    const touched = this.touched(req.kind, req.source, req.target);
    const locked = Object.values(this.state.txns).some(
      (t) =>
        t.status === "PREPARED" &&
        this.touched(t.kind, t.source, t.target).some((a) => touched.includes(a)),
    );
    const short =
      req.kind === "TRANSFER" && (this.state.balances[req.source] ?? req.amount) < req.amount;
    const vote: Vote = locked || short ? "NO" : "YES";
    const txn: LocalTxn = {
      kind: req.kind,
      source: req.source,
      target: req.target,
      amount: req.amount,
      status: vote === "YES" ? "PREPARED" : "ABORTED",
      vote,
    };
    this.state.txns[req.txn_id] = txn;
    this.file.save(this.state);
    if (vote === "YES") this.preparedAt.set(req.txn_id, nowMs);
    return { vote, balances: this.balancesFor(txn) };
  }

  /** Applies a decision received (a Decide, or the coordinator's answer to a query). */
  decide(req: DecideRequest): void {
    const txn = this.state.txns[req.txn_id];
    if (!txn) {
      if (req.decision === "COMMIT")
        throw new DecisionConflict(`COMMIT for transaction ${req.txn_id}, never prepared here`);
      // Aborted before its Prepare came: remember it, so a late Prepare is answered NO.
      this.state.txns[req.txn_id] = {
        kind: "TRANSFER",
        source: "",
        target: "",
        amount: 0,
        status: "ABORTED",
        vote: null,
      };
      this.file.save(this.state);
      return;
    }
    const wanted = req.decision === "COMMIT" ? "COMMITTED" : "ABORTED";
    if (txn.status === wanted) return;
    if (txn.status !== "PREPARED")
      throw new DecisionConflict(
        `${req.decision} for transaction ${req.txn_id}, ${txn.status} here`,
      );
    if (wanted === "COMMITTED" && txn.kind === "TRANSFER") {
      if (this.accounts.includes(txn.source)) this.add(txn.source, -txn.amount);
      if (this.accounts.includes(txn.target)) this.add(txn.target, txn.amount);
    }
    txn.status = wanted;
    this.file.save(this.state);
    this.preparedAt.delete(req.txn_id);
  }

  /** The transactions prepared at least IN_DOUBT_AFTER_MS ago with no decision yet. */
  inDoubt(nowMs: number): number[] {
    return [...this.preparedAt]
      .filter(([, at]) => nowMs - at >= IN_DOUBT_AFTER_MS)
      .map(([id]) => id);
  }

  view(): StateReply {
    return {
      balances: this.accounts.map((account) => ({
        account,
        amount: this.state.balances[account] ?? 0,
      })),
      txns: Object.entries(this.state.txns).map(([id, t]) => ({
        txn_id: Number(id),
        status: `STATUS_${t.status}`,
        vote: t.vote ?? "VOTE_UNSPECIFIED",
      })),
    };
  }

  private add(account: string, delta: number): void {
    this.state.balances[account] = (this.state.balances[account] ?? 0) + delta;
  }

  /** The accounts here a transaction locks: all of them for a read. */
  private touched(kind: Kind, source: string, target: string): string[] {
    if (kind === "READ") return [...this.accounts];
    return this.accounts.filter((a) => a === source || a === target);
  }

  /** A read's YES carries this participant's balances, as locked. */
  private balancesFor(txn: LocalTxn): Balance[] {
    if (txn.kind !== "READ" || txn.vote !== "YES") return [];
    return this.accounts.map((account) => ({ account, amount: this.state.balances[account] ?? 0 }));
  }
}
