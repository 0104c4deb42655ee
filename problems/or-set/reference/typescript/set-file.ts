// The node's durable state: live tags, tombstones, the tag counter, per client the last
// request applied, and per peer the changes it has not acknowledged yet. Replaced atomically
// on every change, before any answer that depends on it: write a temporary file, fsync,
// rename, fsync the folder. A SIGKILL at any instant leaves the old state or the new one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";

export interface Outbox {
  /** tag → element: tags added here, not yet acknowledged by the peer. */
  adds: Record<string, string>;
  /** tag → element: tags removed here, not yet acknowledged by the peer. */
  removes: Record<string, string>;
}

export interface SetState {
  /** tag → element: the tags this node holds and has not seen removed. */
  live: Record<string, string>;
  /** Every tag this node has seen removed: an add of it arriving later stays removed. */
  removed: string[];
  /** The number of the last tag this node made: tags are `${node}:${counter}`. */
  counter: number;
  /** client id → the highest sequence applied here: a retry at or below it is a no-op. */
  applied: Record<string, number>;
  /** peer id → what it still has to be told. */
  outboxes: Record<string, Outbox>;
}

export class SetFile {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "or-set.json");
  }

  load(): SetState {
    if (!existsSync(this.path))
      return { live: {}, removed: [], counter: 0, applied: {}, outboxes: {} };
    return JSON.parse(readFileSync(this.path, "utf8")) as SetState;
  }

  save(state: SetState): void {
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
