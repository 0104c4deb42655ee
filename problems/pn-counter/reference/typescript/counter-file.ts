// The node's durable state: every node's two counts as this node knows them, and per client
// the last add sequence applied. Replaced atomically on every change, before any answer that
// depends on it: write a temporary file, fsync, rename, fsync the folder. A SIGKILL at any
// instant leaves the old state or the new one, never a torn one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";

export interface CounterState {
  /** node id → the sum of the positive deltas that node acknowledged, as far as known here. */
  increments: Record<string, number>;
  /** node id → the sum of the sizes of the negative deltas that node acknowledged. */
  decrements: Record<string, number>;
  /** client id → the highest add sequence applied here: a retry at or below it is a no-op. */
  applied: Record<string, number>;
}

export class CounterFile {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "counter.json");
  }

  load(): CounterState {
    if (!existsSync(this.path)) return { increments: {}, decrements: {}, applied: {} };
    return JSON.parse(readFileSync(this.path, "utf8")) as CounterState;
  }

  save(state: CounterState): void {
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
