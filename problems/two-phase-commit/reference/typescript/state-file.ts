// A node's durable state as one JSON file, replaced atomically on every change before any
// message or answer that depends on it: write a temporary file, fsync, rename, fsync the
// folder. A SIGKILL at any instant leaves the old state or the new one, never a torn one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";

export class StateFile<T> {
  private readonly path: string;

  constructor(
    private readonly dir: string,
    name: string,
  ) {
    this.path = join(dir, name);
  }

  /** The state last saved, or null before the first save. */
  load(): T | null {
    if (!existsSync(this.path)) return null;
    return JSON.parse(readFileSync(this.path, "utf8")) as T;
  }

  save(state: T): void {
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
