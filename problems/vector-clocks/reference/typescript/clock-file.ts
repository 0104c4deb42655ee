// The node's durable state: its clock, its event log, per client the last request and its
// answer, per peer the messages it has not acknowledged and the ones received from it.
// Replaced atomically on every change, before any answer that depends on it: write a
// temporary file, fsync, rename, fsync the folder. A SIGKILL leaves the old state or the new.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";
import type { Clock, DeliverRequest, LoggedEvent } from "./proto.ts";

export interface ClockState {
  clock: Clock;
  log: LoggedEvent[];
  /** client id → its last request's sequence and the clock answered to it. */
  last: Record<string, { sequence: number; clock: Clock }>;
  /** peer id → messages to it not acknowledged yet, oldest first. */
  outboxes: Record<string, DeliverRequest[]>;
  /** peer id → the numbers of the messages received from it. */
  received: Record<string, number[]>;
}

export class ClockFile {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "vector-clocks.json");
  }

  load(): ClockState {
    if (!existsSync(this.path)) return { clock: {}, log: [], last: {}, outboxes: {}, received: {} };
    return JSON.parse(readFileSync(this.path, "utf8")) as ClockState;
  }

  save(state: ClockState): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, "w");
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
    const dirFd = openSync(this.dir, "r");
    fsyncSync(dirFd);
    closeSync(dirFd);
  }
}
