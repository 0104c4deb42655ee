// The coordinator, without I/O of its own: it numbers each new transaction and logs it before
// any Prepare, asks every participant to prepare, decides COMMIT only on a YES from each of
// them (ABORT on a NO, or when the votes are not all in by VOTE_TIMEOUT_MS), logs the
// decision before it tells anyone, then delivers it to node-1 and then node-2, each until
// acknowledged. A restart aborts every transaction logged without a decision (presumed
// abort) and delivers every decision not yet acknowledged by all.
import { RETRY_PAUSE_MS, PARTICIPANTS, CALL_MS, VOTE_TIMEOUT_MS } from "./accounts.ts";
import type { Balance, Decision, Kind, PrepareReply, QueryReply, StateReply } from "./proto.ts";
import type { StateFile } from "./state-file.ts";

/** The coordinator's calls to a participant; each rejects when no answer came in time. */
export interface ParticipantCalls {
  prepare(node: string, txn: TxnRecord, deadlineMs: number): Promise<PrepareReply>;
  decide(node: string, txnId: number, decision: Decision, deadlineMs: number): Promise<void>;
}

export interface TxnRecord {
  id: number;
  kind: Kind;
  source: string;
  target: string;
  amount: number;
  decision: Decision | null;
  /** A committed read's balances, all four accounts. */
  balances: Balance[];
  /** The participants that acknowledged the decision, as last saved. */
  acked: string[];
}

export interface CoordinatorState {
  /** The next transaction id: ids are never reused, not even across restarts. */
  nextTxn: number;
  txns: Record<string, TxnRecord>;
  /** `${client_id}#${sequence}` → its transaction: a retry gets the same one. */
  byClient: Record<string, number>;
}

export type TxnRequest = Pick<TxnRecord, "kind" | "source" | "target" | "amount"> & {
  clientId: string;
  sequence: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Coordinator {
  private readonly state: CoordinatorState;
  private readonly waiters = new Map<number, (() => void)[]>();
  private stopped = false;

  constructor(
    private readonly file: StateFile<CoordinatorState>,
    private readonly calls: ParticipantCalls,
  ) {
    this.state = file.load() ?? { nextTxn: 1, txns: {}, byClient: {} };
    const undecided = Object.values(this.state.txns).filter((t) => t.decision === null);
    // Presumed abort: whatever votes came before the crash are gone; log ABORT, then say it.
    for (const txn of undecided) txn.decision = "ABORT";
    if (undecided.length) this.file.save(this.state);
    for (const txn of Object.values(this.state.txns))
      if (txn.decision && txn.acked.length < PARTICIPANTS.length)
        void this.deliver(txn, txn.decision);
  }

  /** The client's transaction (a new one, or the one a retry names) once decided or waitMs. */
  async submit(req: TxnRequest, waitMs: number): Promise<TxnRecord> {
    const key = `${req.clientId}#${req.sequence}`;
    const known = this.state.byClient[key];
    let txn = known === undefined ? undefined : this.state.txns[known];
    if (!txn) {
      const { kind, source, target, amount } = req;
      txn = {
        id: this.state.nextTxn,
        kind,
        source,
        target,
        amount,
        decision: null,
        balances: [],
        acked: [],
      };
      this.state.nextTxn++;
      this.state.txns[txn.id] = txn;
      this.state.byClient[key] = txn.id;
      this.file.save(this.state);
      this.collectVotes(txn);
    }
    if (txn.decision === null) await this.decided(txn.id, waitMs);
    return txn;
  }

  /** A participant's question about a transaction it is in doubt about. */
  query(txnId: number): QueryReply {
    const txn = this.state.txns[txnId];
    // Never logged here: it cannot have committed.
    if (!txn) return { decision: "ABORT" };
    return { decision: txn.decision ?? "UNKNOWN" };
  }

  view(): StateReply {
    return {
      balances: [],
      txns: Object.values(this.state.txns).map((t) => ({
        txn_id: t.id,
        status:
          t.decision === null
            ? "STATUS_PENDING"
            : t.decision === "COMMIT"
              ? "STATUS_COMMITTED"
              : "STATUS_ABORTED",
        vote: "VOTE_UNSPECIFIED",
      })),
    };
  }

  stop(): void {
    this.stopped = true;
  }

  private collectVotes(txn: TxnRecord): void {
    const replies = new Map<string, PrepareReply>();
    let done = false;
    const finish = (decision: Decision) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.decide(txn, decision, [...replies.values()]);
    };
    const timer = setTimeout(() => finish("ABORT"), VOTE_TIMEOUT_MS);
    for (const node of PARTICIPANTS) {
      void this.askVote(node, txn, () => done).then((reply) => {
        if (done || !reply) return;
        if (reply.vote !== "YES") return finish("ABORT");
        replies.set(node, reply);
        if (replies.size === PARTICIPANTS.length) finish("COMMIT");
      });
    }
  }

  /** Prepare at one participant, resent after each silence until answered or `over()`. */
  private async askVote(
    node: string,
    txn: TxnRecord,
    over: () => boolean,
  ): Promise<PrepareReply | null> {
    while (!over() && !this.stopped) {
      try {
        return await this.calls.prepare(node, txn, CALL_MS);
      } catch {
        await sleep(RETRY_PAUSE_MS);
      }
    }
    return null;
  }

  private decide(txn: TxnRecord, decision: Decision, replies: PrepareReply[]): void {
    txn.decision = decision;
    if (decision === "COMMIT" && txn.kind === "READ")
      txn.balances = replies
        .flatMap((r) => r.balances)
        .sort((x, y) => x.account.localeCompare(y.account));
    this.file.save(this.state);
    for (const wake of this.waiters.get(txn.id) ?? []) wake();
    this.waiters.delete(txn.id);
    void this.deliver(txn, decision);
  }

  /** The decision to node-1, then node-2, each resent until acknowledged. */
  private async deliver(txn: TxnRecord, decision: Decision): Promise<void> {
    for (const node of PARTICIPANTS) {
      while (!txn.acked.includes(node) && !this.stopped) {
        try {
          await this.calls.decide(node, txn.id, decision, CALL_MS);
          txn.acked.push(node);
        } catch {
          await sleep(RETRY_PAUSE_MS);
        }
      }
    }
    // The acknowledgements, so a restart resends nothing acknowledged.
    if (!this.stopped) this.file.save(this.state);
  }

  private decided(txnId: number, waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      const list = this.waiters.get(txnId) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiters.set(txnId, list);
    });
  }
}
