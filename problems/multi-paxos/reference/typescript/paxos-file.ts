// This node's durable state in one append-only file of JSON lines, replayed on start: its
// promised ballot ("P"), each slot's accepted proposal ("A", the later line wins) and each
// slot it learnt chosen ("L"). Lines are written at once; durable() resolves after an fsync
// that covers every line written so far, one fsync for every answer waiting in a turn of the
// event loop. On open, a torn last line (killed mid-write, so never fsynced, never answered
// on) is cut off.
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";
import { NO_BALLOT, maxBallot, type Ballot } from "./ballot.ts";
import type { Accepted, Command } from "./commands.ts";

type Line = ["P", number, number] | ["A", number, number, number, Command] | ["L", number, Command];

export interface Recovered {
  promised: Ballot;
  accepted: Map<number, Accepted>;
  learnt: Map<number, Command>;
}

export class PaxosFile {
  /** Promise or acceptance lines written since the last fsync: answers must wait for one. */
  private unsynced = false;
  private waiters: (() => void)[] = [];

  private constructor(private readonly fd: number) {}

  /** Opens (or creates) the file in dir and replays it; `droppedBytes` of a torn tail. */
  static open(dir: string): { file: PaxosFile; recovered: Recovered; droppedBytes: number } {
    const path = join(dir, "paxos.jsonl");
    const data = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const file = new PaxosFile(openSync(path, "a+"));
    const recovered: Recovered = { promised: NO_BALLOT, accepted: new Map(), learnt: new Map() };
    let at = 0;
    for (;;) {
      const end = data.indexOf(10, at);
      if (end < 0) break;
      const line = parseLine(data.subarray(at, end).toString("utf8"));
      if (!line) break;
      replay(line, recovered);
      at = end + 1;
    }
    if (at < data.length) {
      ftruncateSync(file.fd, at);
      fsyncSync(file.fd);
    }
    return { file, recovered, droppedBytes: data.length - at };
  }

  writePromise(b: Ballot): void {
    this.write(["P", b.round, b.node]);
    this.unsynced = true;
  }

  writeAccepted(slot: number, a: Accepted): void {
    this.write(["A", slot, a.ballot.round, a.ballot.node, a.command]);
    this.unsynced = true;
  }

  /** Learnt slots need no fsync: a node that loses them learns them again from the leader. */
  writeLearnt(slot: number, command: Command): void {
    this.write(["L", slot, command]);
  }

  /** Resolves once every promise and acceptance written so far is on disk. */
  durable(): Promise<void> {
    if (!this.unsynced) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.waiters.length === 1) setImmediate(() => this.flush());
    });
  }

  close(): void {
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.unsynced) fsyncSync(this.fd);
    this.unsynced = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private write(line: Line): void {
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`);
    // A short write (disk full) would leave file and memory apart: stop the node instead.
    if (writeSync(this.fd, bytes) !== bytes.length) throw new Error("short write to paxos.jsonl");
  }
}

function parseLine(text: string): Line | null {
  try {
    const line = JSON.parse(text) as unknown;
    return Array.isArray(line) && ["P", "A", "L"].includes(line[0] as string)
      ? (line as Line)
      : null;
  } catch {
    return null;
  }
}

function replay(line: Line, into: Recovered): void {
  switch (line[0]) {
    case "P":
      into.promised = maxBallot(into.promised, { round: line[1], node: line[2] });
      return;
    case "A": {
      // Accepting a ballot promises it too.
      const ballot = { round: line[2], node: line[3] };
      into.promised = maxBallot(into.promised, ballot);
      into.accepted.set(line[1], { ballot, command: line[4] });
      return;
    }
    case "L":
      into.learnt.set(line[1], line[2]);
      return;
  }
}
