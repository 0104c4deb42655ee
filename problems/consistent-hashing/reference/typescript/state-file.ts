// The node's durable state, replaced atomically on every change before any answer that
// depends on it: write a temporary file, fsync, rename, fsync the folder. A SIGKILL at any
// instant leaves the old state or the new one, never a torn one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";
import type { Entry } from "./proto.ts";

export interface ShardState {
  /** The installed view: 0 before the first SetMembership. */
  epoch: number;
  members: string[];
  /** Every key this node ever held, with the highest version it has seen. Never deleted. */
  items: Record<string, Omit<Entry, "key">>;
  /** Per peer, the epochs at or above the installed one it has sent a Transfer for. */
  transfersIn: Record<string, number[]>;
}

export interface StateStore {
  load(): ShardState;
  save(state: ShardState): void;
}

export class StateFile implements StateStore {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "shard.json");
  }

  load(): ShardState {
    if (!existsSync(this.path)) return { epoch: 0, members: [], items: {}, transfersIn: {} };
    return JSON.parse(readFileSync(this.path, "utf8")) as ShardState;
  }

  save(state: ShardState): void {
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
