// Records each limit a node runs into, so the judge can say "memory limit: node-2 was killed
// at 512 MiB" rather than a symptom. The cgroup counters (OOM kills, refused forks) only
// grow: a hit is an increase since the last look. DATA_DIR, /tmp and /dev/shm (each its own
// file system) are full when almost nothing is left. Looked at while the node runs, on each
// status read, and once more when it exits, so a hit that ended the node is never missed; a
// file system filled and emptied again between two looks is not seen.
import { statfsSync } from "node:fs";
import type { LimitHit } from "../ports/cluster.ts";
import { nowMs } from "./clock.ts";
import type { AgentConfig } from "./config.ts";
import { limitMessage, oomKills, pidsRefused } from "./exit-cause.ts";
import { DISK_FULL_MARGIN_BYTES, LIMIT_HITS_MAX, LIMIT_SAMPLE_INTERVAL_MS } from "./limits.ts";
import { NodeMounts } from "./node-mounts.ts";
import type { NodeLog } from "./node-log.ts";

export class LimitWatch {
  private readonly hits: LimitHit[] = [];
  private runHits: LimitHit[] = [];
  private oomSeen: number | null = null;
  private pidsSeen: number | null = null;
  private diskFull = false;
  /** The node's own /tmp and /dev/shm, once its view is up; which of them were full. */
  private readonly mounts = new NodeMounts();
  private readonly mountsFull = new Set<string>();
  private groupId: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AgentConfig,
    private readonly log: NodeLog,
  ) {}

  /** A run starts: what the counters say from now on belongs to it. */
  begin(): void {
    const { sandbox } = this.config;
    this.runHits = [];
    this.mounts.release();
    this.mountsFull.clear();
    this.groupId = null;
    this.oomSeen = oomKills(sandbox.memoryCgroupDir, sandbox.cgroupVersion);
    this.pidsSeen = pidsRefused(sandbox.pidsCgroupDir);
    // Full already (DATA_DIR outlives runs): said when it filled, not again at each start.
    this.diskFull = this.isDiskFull();
    this.stopTimer();
    this.timer = setInterval(() => this.sample(), LIMIT_SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  /** The node's first process (its process group): where its /tmp is looked for. */
  follow(pid: number): void {
    this.groupId = pid;
    this.sample();
  }

  /** Records what changed since the last look. */
  sample(): void {
    const { sandbox } = this.config;
    const oom = oomKills(sandbox.memoryCgroupDir, sandbox.cgroupVersion);
    if (oom !== null && this.oomSeen !== null && oom > this.oomSeen && sandbox.memoryLimitBytes) {
      this.add("memory", sandbox.memoryLimitBytes, true);
    }
    if (oom !== null) this.oomSeen = oom;
    const refused = pidsRefused(sandbox.pidsCgroupDir);
    if (
      refused !== null &&
      this.pidsSeen !== null &&
      refused > this.pidsSeen &&
      sandbox.pidsLimit
    ) {
      this.add("pids", sandbox.pidsLimit, false);
    }
    if (refused !== null) this.pidsSeen = refused;
    const full = this.isDiskFull();
    if (full && !this.diskFull && sandbox.dataDirLimitBytes) {
      this.add("disk", sandbox.dataDirLimitBytes, false);
    }
    this.diskFull = full;
    this.sampleMounts();
  }

  /** /tmp and /dev/shm: fresh at each start, so full counts once a run. */
  private sampleMounts(): void {
    if (this.groupId === null) return;
    this.mounts.attach(this.groupId, this.config.sandbox.cgroupProcsFiles);
    for (const m of this.mounts.usage()) {
      if (m.freeBytes >= DISK_FULL_MARGIN_BYTES || this.mountsFull.has(m.path)) continue;
      this.mountsFull.add(m.path);
      this.add("disk", m.sizeBytes, false, m.path);
    }
  }

  /** The run ended: one last look; the limit that explains the end, if any. */
  end(): LimitHit | null {
    this.stopTimer();
    this.sample();
    this.mounts.release();
    this.groupId = null;
    return this.runHits.find((h) => h.killed) ?? this.runHits.at(-1) ?? null;
  }

  all(): LimitHit[] {
    return [...this.hits];
  }

  private add(limit: LimitHit["limit"], bound: number, killed: boolean, where?: string): void {
    const message = limitMessage(this.config.nodeId, limit, bound, where);
    const hit: LimitHit = { limit, bound, killed, atMs: nowMs(), message };
    this.runHits.push(hit);
    this.hits.push(hit);
    if (this.hits.length > LIMIT_HITS_MAX) this.hits.shift();
    this.log.agent(`limit hit: ${message}`);
  }

  private isDiskFull(): boolean {
    if (!this.config.sandbox.dataDirLimitBytes) return false;
    try {
      const fs = statfsSync(this.config.dataDir);
      return fs.bavail * fs.bsize < DISK_FULL_MARGIN_BYTES;
    } catch {
      return false;
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
