// The node's durable state: every value it holds, and per peer the values it still owes that
// peer. Replaced atomically on every change, before any answer that depends on it: write a
// temporary file, fsync, rename, fsync the folder. A SIGKILL at any instant leaves the old
// state or the new one, never a torn one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";

export interface BroadcastState {
  /** Every value this node holds, in the order it got them. */
  values: number[];
  /** peer id → values this node took from clients that the peer has not acknowledged. */
  outboxes: Record<string, number[]>;
}

export class ValuesFile {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "broadcast.json");
  }

  load(): BroadcastState {
    if (!existsSync(this.path)) return { values: [], outboxes: {} };
    return JSON.parse(readFileSync(this.path, "utf8")) as BroadcastState;
  }

  save(state: BroadcastState): void {
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
