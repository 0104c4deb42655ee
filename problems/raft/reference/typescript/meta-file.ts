// currentTerm and votedFor, replaced atomically on every change: write a temporary file, fsync
// it, rename it over the old one, fsync the folder. A SIGKILL at any instant leaves the old or
// the new state, never a torn one.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { existsSync } from "node:fs";
import { join } from "node:path";

export interface HardState {
  term: number;
  votedFor: string | null;
}

export class MetaFile {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "meta.json");
  }

  load(): HardState {
    if (!existsSync(this.path)) return { term: 0, votedFor: null };
    const parsed = JSON.parse(readFileSync(this.path, "utf8")) as HardState;
    return { term: parsed.term, votedFor: parsed.votedFor };
  }

  save(state: HardState): void {
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
