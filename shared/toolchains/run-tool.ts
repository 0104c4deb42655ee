// Runs one tool to completion with a time limit, a small environment (a tool that reads the
// learner's code needs none of the judge's variables) and bounded output. A tool that cannot
// start is the platform's fault (ToolchainError); a timeout, a signal, the exit code and the
// output are the caller's to read: only the caller knows whose fault each is. Each tool
// leads a process group of its own, killed whole at its time (a compiler's children too).
// A tool that runs the learner's code (a build script, a macro) goes through runBuildTool
// (build-sandbox.ts) instead, which confines it as a node is.
import { spawn, type ChildProcess } from "node:child_process";
import type { Writable } from "node:stream";
import { ToolchainError } from "./types.ts";
import { toolOutputMaxBytes, toolTimeoutMs } from "./limits.ts";

export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed by runTool when its time was up. */
  timedOut: boolean;
  /** The first toolOutputMaxBytes of stdout. */
  stdout: string;
  /** The last toolOutputMaxBytes of stderr, where a crash or the last progress line is. */
  stderr: string;
}

export interface ToolOptions {
  timeoutMs?: number;
  /** Written to the tool's stdin, then closed. */
  input?: string;
  /** Variables the tool needs beyond toolEnv's (a compiler's cache folder, say). */
  env?: Readonly<Record<string, string>>;
}

export const toolEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env["PATH"] ?? "/usr/bin:/bin",
  LANG: "C.UTF-8",
});

/** How runProgram starts and stops one program (runBuildTool's prefix needs more than argv). */
export interface Launch {
  /** The tool's name in a ToolchainError (the program may be a sandbox's prefix). */
  name: string;
  /** Readable by the program on fd 3 (bwrap reads its seccomp filter there). */
  fd3?: Buffer;
  /** Called when the time is up, after the process group is killed. */
  onTimeout?: () => void;
}

/** Process groups still running: killed if the judge exits, so none outlives it. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) killGroup(child);
});

/** SIGKILL to the child's process group (each tool leads its own), else to the child. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) return void process.kill(-child.pid, "SIGKILL");
  } catch {
    // the group is gone or was never made: the child itself, if anything
  }
  child.kill("SIGKILL");
}

export function runTool(argv: string[], cwd: string, opts: ToolOptions = {}): Promise<ToolResult> {
  return runProgram(argv, cwd, opts, { name: argv[0] ?? "runTool" });
}

/** runTool's work: the program leads a process group of its own, killed whole at its time. */
export function runProgram(
  argv: string[],
  cwd: string,
  opts: ToolOptions,
  launch: Launch,
): Promise<ToolResult> {
  const [program, ...args] = argv;
  if (!program) throw new ToolchainError("runTool", "empty command");
  const timeoutMs = opts.timeoutMs ?? toolTimeoutMs;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd,
      env: { ...toolEnv(), ...opts.env },
      stdio: ["pipe", "pipe", "pipe", ...(launch.fd3 ? (["pipe"] as const) : [])],
      detached: true,
    });
    running.add(child);
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    child.stdout?.on("data", (d: Buffer) => {
      if (stdoutBytes < toolOutputMaxBytes)
        stdout.push(d.subarray(0, toolOutputMaxBytes - stdoutBytes));
      stdoutBytes += d.length;
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr = Buffer.concat([stderr, d]);
      if (stderr.length > toolOutputMaxBytes) stderr = stderr.subarray(-toolOutputMaxBytes);
    });
    // A tool that exits without reading its input must not crash the judge with EPIPE.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(opts.input ?? "");
    if (launch.fd3) {
      const fd3 = child.stdio[3] as Writable;
      fd3.on("error", () => undefined);
      fd3.end(launch.fd3);
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
      launch.onTimeout?.();
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new ToolchainError(launch.name, `cannot run: ${err.message}`, { cause: err }));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: stderr.toString("utf8"),
      });
    });
  });
}
