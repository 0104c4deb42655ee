// What a chain node holds: the key-value map, the sessions and the log of updates 1 … lastSeq
// with no gap, each applied as soon as it is held, in seq order. A node that joined holds the
// state a Transfer brought (up to logStart) and the log only after it, so an update before the
// log's start can only reach a successor inside a new Transfer.
import type { KeyValue, Session, TransferRequest } from "./proto.ts";

export interface Update {
  client_id: string;
  sequence: number;
  op: "PUT" | "APPEND";
  key: string;
  value: string;
}

/** A client's latest applied write and the seq of the update that carried it. */
export interface Applied {
  sequence: number;
  seq: number;
}

export type State = Pick<TransferRequest, "last_seq" | "entries" | "sessions">;

export class ChainStore {
  private values = new Map<string, string>();
  private sessions = new Map<string, Applied>();
  /** Updates logStart + 1 … lastSeq, in order. */
  private log: Update[] = [];
  /** The seq just before the log's first update: 0, or the last_seq of the Transfer taken. */
  private logStart = 0;

  get lastSeq(): number {
    return this.logStart + this.log.length;
  }

  /** The first seq this node can still send as a Forward. */
  get firstLogSeq(): number {
    return this.logStart + 1;
  }

  /** Holds and applies the next update; returns its seq. */
  append(update: Update): number {
    this.log.push(update);
    const value = update.op === "PUT" ? "" : (this.values.get(update.key) ?? "");
    this.values.set(update.key, value + update.value);
    const seq = this.lastSeq;
    this.sessions.set(update.client_id, { sequence: update.sequence, seq });
    return seq;
  }

  /** The update at `seq`, if the log holds it. */
  updateAt(seq: number): Update | undefined {
    return seq > this.logStart ? this.log[seq - this.logStart - 1] : undefined;
  }

  session(clientId: string): Applied | undefined {
    return this.sessions.get(clientId);
  }

  read(key: string): { found: boolean; value: string } {
    const value = this.values.get(key);
    return { found: value !== undefined, value: value ?? "" };
  }

  /** The whole state, as a Transfer carries it. */
  snapshot(): State {
    const entries: KeyValue[] = [...this.values].map(([key, value]) => ({ key, value }));
    const sessions: Session[] = [...this.sessions].map(([client_id, a]) => ({
      client_id,
      sequence: a.sequence,
      seq: a.seq,
    }));
    return { last_seq: this.lastSeq, entries, sessions };
  }

  /** Replaces everything with a Transfer's state; the log starts after it. */
  replace(state: State): void {
    this.values = new Map(state.entries.map((e) => [e.key, e.value]));
    this.sessions = new Map(
      state.sessions.map((s) => [s.client_id, { sequence: s.sequence, seq: s.seq }]),
    );
    this.log = [];
    this.logStart = state.last_seq;
  }
}
