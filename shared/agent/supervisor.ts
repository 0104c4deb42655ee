// Runs the node's process: start (optionally with a skewed clock), SIGKILL, SIGSTOP and
// SIGCONT, wipe DATA_DIR. The node runs in its own process group so one signal reaches
// every process it made; its output becomes the node's log.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import type { Writable } from "node:stream";
import { join } from "node:path";
import type { NodeState, NodeStatus } from "../ports/cluster.ts";
import { nowMs } from "./clock.ts";
import type { AgentConfig } from "./config.ts";
import { AgentActionError } from "./errors.ts";
import { exitCause } from "./exit-cause.ts";
import { watchGroup } from "./group-watchdog.ts";
import { buildLaunch, findOnPath, nodeEnvironment } from "./launch.ts";
import { DRAIN_POLL_INTERVAL_MS, KILL_WAIT_MS, READY_PROBE_INTERVAL_MS } from "./limits.ts";
import { LimitWatch } from "./limit-watch.ts";
import type { NodeLog } from "./node-log.ts";

export class Supervisor {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** Resolves when every process of the last start is gone (not only the first one). */
  private drained: Promise<void> = Promise.resolve();
  private paused = false;
  private ready = false;
  private killRequested = false;
  private starts = 0;
  private skewMs = 0;
  private lastExit: NodeStatus["lastExit"] = null;
  private readonly faketime: string | null;
  private readonly limits: LimitWatch;
  private readonly readyListeners: (() => void)[] = [];

  constructor(
    private readonly config: AgentConfig,
    private readonly log: NodeLog,
  ) {
    this.faketime = config.faketimePath ?? findOnPath("faketime", process.env);
    this.limits = new LimitWatch(config, log);
    mkdirSync(config.dataDir, { recursive: true });
  }

  /** Calls `listener` each time a started node becomes ready (its port accepts). */
  onReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  status(): NodeStatus {
    if (this.child) this.limits.sample();
    return {
      nodeId: this.config.nodeId,
      state: this.state(),
      pid: this.child?.pid ?? null,
      starts: this.starts,
      lastExit: this.lastExit,
      skewMs: this.skewMs,
      limitHits: this.limits.all(),
    };
  }

  async start(skewMs = 0): Promise<void> {
    if (this.child) throw new AgentActionError(`${this.config.nodeId} is already running`, 409);
    // A wrapper (bwrap) may exit before the node under it: its listening socket must be
    // gone before the new node starts, or the readiness probe would find the old one.
    await this.drained;
    if (this.child) throw new AgentActionError(`${this.config.nodeId} is already running`, 409);
    const env = nodeEnvironment(this.config);
    const launch = buildLaunch(this.config, skewMs, this.faketime, env);
    const seccomp = this.config.sandbox.seccompFd3;
    this.limits.begin();
    const child = spawn(launch.file, launch.args, {
      cwd: this.config.command.cwd,
      env: launch.env,
      detached: true, // its own process group: signals reach the node's children too
      stdio: ["ignore", "pipe", "pipe", seccomp ? "pipe" : "ignore"],
    });
    if (seccomp) {
      // bwrap reads its filter from fd 3 up to the end, before it runs anything.
      const fd3 = child.stdio[3] as Writable;
      fd3.on("error", () => {}); // a wrapper that failed early: its exit says why
      fd3.end(Buffer.from(seccomp, "base64"));
    }
    this.child = child;
    if (child.pid !== undefined) this.limits.follow(child.pid);
    this.paused = false;
    this.ready = false;
    this.killRequested = false;
    this.skewMs = skewMs;
    this.starts += 1;
    // Kills the group if the agent dies without its hooks (SIGKILL); released once drained.
    const watchdog =
      child.pid === undefined ? null : watchGroup(child.pid, (l) => this.log.agent(l));
    child.stdout?.setEncoding("utf8").on("data", (c: string) => this.log.write("stdout", c));
    child.stderr?.setEncoding("utf8").on("data", (c: string) => this.log.write("stderr", c));
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.onExit(child, code, signal);
        void this.drained.finally(() => watchdog?.release());
        resolve();
      });
      child.once("error", (err) => {
        this.onExit(
          child,
          null,
          null,
          `${this.config.nodeId} could not start ${launch.file}: ${err.message}`,
        );
        resolve();
      });
    });
    if (this.config.nodePidFile && child.pid !== undefined) {
      writeFileSync(this.config.nodePidFile, String(child.pid));
    }
    const skew = skewMs ? ` with its clock skewed ${skewMs} ms` : "";
    this.log.agent(`started ${this.config.command.argv.join(" ")} (pid ${child.pid})${skew}`);
    void this.probeReady(child);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killRequested = true;
    this.signalAll(child, "SIGKILL");
    const timeout = new Promise<void>((r) => setTimeout(r, KILL_WAIT_MS).unref());
    await Promise.race([this.exited, timeout]);
    await this.drained;
  }

  pause(): void {
    const child = this.requireChild("pause");
    if (this.paused) return;
    this.signalAll(child, "SIGSTOP");
    this.paused = true;
    this.log.agent("paused (SIGSTOP)");
  }

  resume(): void {
    const child = this.requireChild("resume");
    if (!this.paused) return;
    this.signalAll(child, "SIGCONT");
    this.paused = false;
    this.log.agent("resumed (SIGCONT)");
  }

  /** Empties DATA_DIR, keeping the folder itself (a sandbox may have it bound by path). */
  wipe(): void {
    if (this.child) throw new AgentActionError("wipe needs the node stopped; kill it first", 409);
    for (const entry of readdirSync(this.config.dataDir)) {
      rmSync(join(this.config.dataDir, entry), { recursive: true, force: true });
    }
    this.log.agent("DATA_DIR wiped");
  }

  /** Synchronous kill for exit paths: the agent is going away. */
  killNow(): void {
    if (!this.child) return;
    this.killRequested = true;
    this.signalAll(this.child, "SIGKILL");
  }

  private state(): NodeState {
    if (this.child) {
      if (this.paused) return "paused";
      return this.ready ? "running" : "starting";
    }
    return this.lastExit && !this.killRequested ? "exited" : "stopped";
  }

  private requireChild(action: string): ChildProcess {
    if (!this.child) throw new AgentActionError(`cannot ${action}: the node is not running`, 409);
    return this.child;
  }

  /** The process group, and every process left in the node's cgroups (one could setsid). */
  private signalAll(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    }
    for (const file of this.config.sandbox.cgroupProcsFiles) {
      for (const pid of readPids(file)) {
        try {
          process.kill(pid, signal);
        } catch {
          // exited meanwhile
        }
      }
    }
  }

  private onExit(
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
    startError?: string,
  ): void {
    if (this.child !== child) return;
    this.log.flush("stdout");
    this.log.flush("stderr");
    const limit = this.limits.end();
    const cause =
      startError ??
      exitCause({
        nodeId: this.config.nodeId,
        code,
        signal,
        killedByAgent: this.killRequested,
        limit,
      });
    // Whatever the first process left behind (the node under a wrapper, a forked helper)
    // goes with it.
    this.signalAll(child, "SIGKILL");
    this.drained = this.waitGone(child);
    this.lastExit = { code, signal, cause, atMs: nowMs(), ...(limit ? { limit } : {}) };
    this.child = null;
    this.paused = false;
    this.ready = false;
    this.log.agent(`exited: ${cause}`);
  }

  private async waitGone(child: ChildProcess): Promise<void> {
    const until = nowMs() + KILL_WAIT_MS;
    while (processesLeft(child.pid, this.config.sandbox.cgroupProcsFiles)) {
      if (nowMs() > until) {
        this.log.agent(
          `processes of pid ${child.pid} still there ${KILL_WAIT_MS} ms after SIGKILL`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, DRAIN_POLL_INTERVAL_MS));
    }
  }

  /** The node is ready when its port accepts a connection (the node contract). */
  private async probeReady(child: ChildProcess): Promise<void> {
    while (this.child === child && !this.ready) {
      if (await canConnect(this.config.node.host, this.config.node.port)) {
        if (this.child === child) {
          this.ready = true;
          this.log.agent(`ready: ${this.config.node.host}:${this.config.node.port} accepts`);
          for (const listener of this.readyListeners) listener();
        }
        return;
      }
      await new Promise((r) => setTimeout(r, READY_PROBE_INTERVAL_MS));
    }
  }
}

/** Whether any process of the group `pgid`, or of the node's cgroups, still exists. */
function processesLeft(pgid: number | undefined, procsFiles: string[]): boolean {
  if (procsFiles.some((f) => readPids(f).length > 0)) return true;
  if (pgid === undefined) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPids(procsFile: string): number[] {
  try {
    return readFileSync(procsFile, "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
