// The replicated key-value map and, per client, its latest sequence with its result and the
// slot where it took effect: both derived only from chosen slots applied in order, so every
// node (and a restarted one, replaying what it learnt) holds the same, and a retried operation
// is answered with its first result and slot, never applied again.
import type { Command } from "./commands.ts";

export interface OpResult {
  value: string;
  found: boolean;
}

export interface Session {
  sequence: number;
  result: OpResult;
  /** The first slot that held this operation: where it took effect. */
  slot: number;
}

export class StateMachine {
  private readonly data = new Map<string, string>();
  private readonly sessions = new Map<string, Session>();

  /** Applies the command chosen at `slot`; a NOOP, a duplicate or an older sequence does nothing. */
  apply(slot: number, c: Command): void {
    if (c.op === "NOOP") return;
    const session = this.sessions.get(c.clientId);
    if (session && c.sequence <= session.sequence) return;
    this.sessions.set(c.clientId, { sequence: c.sequence, result: this.execute(c), slot });
  }

  session(clientId: string): Session | undefined {
    return this.sessions.get(clientId);
  }

  private execute(c: Command): OpResult {
    const value = this.data.get(c.key);
    switch (c.op) {
      case "GET":
        return value === undefined ? { value: "", found: false } : { value, found: true };
      case "PUT":
        this.data.set(c.key, c.value);
        break;
      case "APPEND":
        this.data.set(c.key, (value ?? "") + c.value);
        break;
      case "NOOP":
        break;
    }
    return { value: "", found: false };
  }
}
