// The node's durable state: each key's winning write (tombstones included), the hybrid
// clock, per client the last request applied, and per peer the writes it has not
// acknowledged yet. Replaced atomically on every change, before any answer that depends on
// it: write a temporary file, fsync, rename, fsync the folder. A SIGKILL at any instant
// leaves the old state or the new one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";
import type { ClockState } from "./hlc.ts";
import type { Write } from "./proto.ts";

export interface MapState {
  /** key → its winning write here: a put, or a delete kept as a tombstone. */
  entries: Record<string, Write>;
  clock: ClockState;
  /** client id → the highest sequence applied here: a retry at or below it is a no-op. */
  applied: Record<string, number>;
  /** peer id → key → this node's latest own write of the key the peer has not acknowledged. */
  outboxes: Record<string, Record<string, Write>>;
}

export class MapFile {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "lww-map.json");
  }

  load(): MapState {
    if (!existsSync(this.path))
      return { entries: {}, clock: { wall_ms: 0, logical: 0 }, applied: {}, outboxes: {} };
    return JSON.parse(readFileSync(this.path, "utf8")) as MapState;
  }

  save(state: MapState): void {
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
