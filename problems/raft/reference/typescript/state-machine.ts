// The replicated key-value map and, per client, its latest sequence with the result: both
// derived only from applied log entries, so every node (and a restarted one, replaying its log)
// holds the same, and a retried operation is answered with its first result, never re-applied.
import type { ClientCommand } from "./commands.ts";

export interface OpResult {
  value: string;
  found: boolean;
}

interface Session {
  sequence: number;
  result: OpResult;
}

export class StateMachine {
  private readonly data = new Map<string, string>();
  private readonly sessions = new Map<string, Session>();

  /**
   * Applies one committed operation. Returns its result, the first result again for a
   * duplicate, or null for a sequence below the client's latest (never applied).
   */
  apply(c: ClientCommand): OpResult | null {
    const session = this.sessions.get(c.clientId);
    if (session && c.sequence < session.sequence) return null;
    if (session && c.sequence === session.sequence) return session.result;
    const result = this.execute(c);
    this.sessions.set(c.clientId, { sequence: c.sequence, result });
    return result;
  }

  read(key: string): OpResult {
    const value = this.data.get(key);
    return value === undefined ? { value: "", found: false } : { value, found: true };
  }

  private execute(c: ClientCommand): OpResult {
    switch (c.op) {
      case "GET":
        return this.read(c.key);
      case "PUT":
        this.data.set(c.key, c.value);
        return { value: "", found: false };
      case "APPEND":
        this.data.set(c.key, (this.data.get(c.key) ?? "") + c.value);
        return { value: "", found: false };
    }
  }
}
