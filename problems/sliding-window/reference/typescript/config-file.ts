// The limit the judge configured, the node's only durable state: written to a temporary
// file, fsynced and renamed before Configure answers, so a node restarted at any instant
// still knows it. Its presence at start-up also says the node ran before (limiter.ts).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync } from "node:fs";
import { writeSync } from "node:fs";
import { join } from "node:path";

export interface LimitConfig {
  limit: number;
  window_ms: number;
}

/** Where the config is kept: the file below, or a stand-in in the in-process tests. */
export interface ConfigStore {
  load(): LimitConfig | null;
  save(config: LimitConfig): void;
}

export class ConfigFile implements ConfigStore {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, "config.json");
  }

  load(): LimitConfig | null {
    if (!existsSync(this.path)) return null;
    return JSON.parse(readFileSync(this.path, "utf8")) as LimitConfig;
  }

  save(config: LimitConfig): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, "w");
    writeSync(fd, JSON.stringify(config));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
    const dirFd = openSync(this.dir, "r");
    fsyncSync(dirFd);
    closeSync(dirFd);
  }
}
