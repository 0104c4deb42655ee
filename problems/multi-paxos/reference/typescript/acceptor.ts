// The acceptor's rules: promise or accept any ballot at least the promised one (an equal one
// is a retry, answered alike), and never anything below it. Every change is written to the
// file before the method returns; the caller answers only once the file says it is durable.
import { compareBallots, type Ballot } from "./ballot.ts";
import type { Accepted, Command } from "./commands.ts";
import type { PaxosFile, Recovered } from "./paxos-file.ts";

export class Acceptor {
  promised: Ballot;
  private readonly accepted: Map<number, Accepted>;

  constructor(
    private readonly file: PaxosFile,
    recovered: Recovered,
  ) {
    this.promised = recovered.promised;
    this.accepted = recovered.accepted;
  }

  /** Phase 1b: whether it promised, and its accepted proposal of every slot from fromSlot on. */
  prepare(ballot: Ballot, fromSlot: number): Map<number, Accepted> | null {
    const order = compareBallots(ballot, this.promised);
    if (order < 0) return null;
    if (order > 0) {
      this.promised = ballot;
      this.file.writePromise(ballot);
    }
    const report = new Map<number, Accepted>();
    for (const [slot, a] of this.accepted) if (slot >= fromSlot) report.set(slot, a);
    return report;
  }

  /** Phase 2b: whether it accepted. */
  accept(ballot: Ballot, slot: number, command: Command): boolean {
    if (compareBallots(ballot, this.promised) < 0) return false;
    this.promised = ballot;
    const a = { ballot, command };
    this.accepted.set(slot, a);
    this.file.writeAccepted(slot, a);
    return true;
  }

  /** Every command this acceptor holds, for "is this operation in a slot here". */
  commands(): IterableIterator<Accepted> {
    return this.accepted.values();
  }
}
