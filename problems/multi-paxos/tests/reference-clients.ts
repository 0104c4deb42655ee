// The judge's clients, simulated: one operation outstanding each, a sequence that grows per
// operation, retries of the same (client_id, sequence) after UNAVAILABLE or a deadline, and
// leader_hint followed on NOT_LEADER. Each APPEND adds a token naming its client and sequence,
// so the final values show which operations took effect, and how often.
import type { ReferenceCluster } from "./reference-cluster.ts";

export interface ClientOp {
  clientId: string;
  sequence: number;
  op: "GET" | "APPEND";
  key: string;
  value: string;
  startMs: number;
  /** Set once an OK came back. */
  endMs: number | null;
  result: { value: string; found: boolean; slot: number } | null;
}

/** Between operations, and before trying another node: simulated time must pass. */
const thinkMs = 100;
const retryPauseMs = 50;
const hintPauseMs = 5;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const tokenOf = (clientId: string, sequence: number): string => `${clientId}.${sequence};`;

export class SimClient {
  readonly ops: ClientOp[] = [];
  private sequence = 0;
  private target: string;

  constructor(
    readonly id: string,
    private readonly cluster: ReferenceCluster,
  ) {
    this.target = this.anyNode();
  }

  /** Random operations on `keys` until `untilMs`; the last one may retry until `giveUpMs`. */
  async run(keys: string[], untilMs: number, giveUpMs: number): Promise<void> {
    while (Date.now() < untilMs) {
      const key = keys[Math.floor(this.cluster.random() * keys.length)] as string;
      const read = this.cluster.random() < 0.3;
      await this.perform(read ? "GET" : "APPEND", key, giveUpMs);
    }
  }

  /** One operation, sent again with the same sequence until OK or `giveUpMs` (then unknown). */
  async perform(op: "GET" | "APPEND", key: string, giveUpMs: number): Promise<ClientOp> {
    const sequence = ++this.sequence;
    const value = op === "APPEND" ? tokenOf(this.id, sequence) : "";
    const record: ClientOp = {
      clientId: this.id,
      sequence,
      op,
      key,
      value,
      startMs: Date.now(),
      endMs: null,
      result: null,
    };
    this.ops.push(record);
    while (Date.now() < giveUpMs) {
      const req = { client_id: this.id, sequence, op, key, value };
      const res = await this.cluster.clientCall(this.target, req);
      if (res?.status === "OK") {
        record.endMs = Date.now();
        record.result = { value: res.value, found: res.found, slot: res.slot };
        await pause(thinkMs);
        return record;
      }
      if (res?.status === "NOT_LEADER" && res.leader_hint) {
        // Two nodes that each name the other (neither leads yet) must not spin in no time.
        this.target = res.leader_hint;
        await pause(hintPauseMs);
        continue;
      }
      this.target = this.anyNode();
      await pause(retryPauseMs);
    }
    return record;
  }

  private anyNode(): string {
    const { ids } = this.cluster;
    return ids[Math.floor(this.cluster.random() * ids.length)] as string;
  }
}
