// Starts the Google Cloud SDK's Firestore and Pub/Sub emulators, and the Firebase Auth
// emulator (from the firebase-tools dev dependency, pure Node), for a test file, each on a free
// loopback port. An emulator runs in its own process group under a small shell guard that
// kills the group when the test process is gone, so even a test killed with SIGKILL leaves no
// process behind. When an emulator is not installed, `emulatorMissing` says so and the
// suites skip their cases by name with that sentence.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const SDK_PLATFORM = "/usr/lib/google-cloud-sdk/platform";

/** Where each emulator is looked for; an environment variable may point elsewhere. */
export const EMULATOR_BINARIES = {
  firestore:
    process.env.CLUSTERJUDGE_FIRESTORE_EMULATOR ??
    `${SDK_PLATFORM}/cloud-firestore-emulator/cloud_firestore_emulator`,
  pubsub:
    process.env.CLUSTERJUDGE_PUBSUB_EMULATOR ??
    `${SDK_PLATFORM}/pubsub-emulator/bin/cloud-pubsub-emulator`,
} as const;
export type EmulatorKind = keyof typeof EMULATOR_BINARIES | "auth";

/** The Auth emulator's module in firebase-tools (no CLI: it would fetch news from the web). */
const AUTH_EMULATOR_MODULE = "firebase-tools/lib/emulator/auth/index.js";

/** Runs firebase-tools' AuthEmulator: argv is the module, the port and the project. */
const AUTH_EMULATOR_SCRIPT = [
  "const { AuthEmulator } = require(process.argv[1]);",
  "new AuthEmulator({ host: '127.0.0.1', port: Number(process.argv[2]), projectId: process.argv[3], singleProjectMode: 0 })",
  "  .start().catch((err) => { console.error(err); process.exit(1); });",
].join("\n");

function authEmulatorModule(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(AUTH_EMULATOR_MODULE);
  } catch {
    return undefined;
  }
}

/**
 * Firestore and Pub/Sub start in a second or two on an idle machine, Auth in about ten (it
 * compiles its API's schema); a busy shared machine may take much longer.
 */
const READY_TIMEOUT_MS = 90_000;
const READY_POLL_MS = 100;
/** After SIGTERM, how long the group has before SIGKILL. */
const STOP_GRACE_MS = 3_000;
/** How often the guard checks that the test process is still alive. */
const GUARD_POLL_S = 1;
/** Lines of the emulator's output kept for an error message. */
const LOG_LINES_KEPT = 40;

export interface RunningEmulator {
  kind: EmulatorKind;
  /** "127.0.0.1:PORT", the value of FIRESTORE_EMULATOR_HOST or PUBSUB_EMULATOR_HOST. */
  host: string;
  /** The emulator's latest output lines, for a failing test's message. */
  log(): string;
  /** Stops the emulator's whole process group; safe to call twice. */
  stop(): Promise<void>;
}

export class EmulatorStartError extends Error {
  constructor(
    readonly kind: EmulatorKind,
    readonly reason: string,
    readonly log: string,
  ) {
    super(`the ${kind} emulator did not start: ${reason}\n${log}`);
    this.name = "EmulatorStartError";
  }
}

/** Why the emulator cannot run here (a skip reason naming the path), or undefined. */
export function emulatorMissing(kind: EmulatorKind): string | undefined {
  if (kind === "auth") {
    return authEmulatorModule()
      ? undefined
      : `auth emulator not installed: ${AUTH_EMULATOR_MODULE} (the firebase-tools dev dependency) is missing`;
  }
  const bin = EMULATOR_BINARIES[kind];
  if (!existsSync(bin)) return `${kind} emulator not installed at ${bin}`;
  if (!javaAvailable()) return `${kind} emulator needs Java, and no java is on PATH`;
  return undefined;
}

let javaFound: boolean | undefined;
function javaAvailable(): boolean {
  javaFound ??= (process.env.PATH ?? "")
    .split(":")
    .some((dir) => dir !== "" && existsSync(`${dir}/java`));
  return javaFound;
}

export interface StartOptions {
  /** Firestore only: a security rules file the emulator enforces on client SDK requests. */
  rulesPath?: string;
  /** Auth only: the project its tokens name (audience and issuer). */
  projectId?: string;
}

/** Starts one emulator and resolves once it answers HTTP on its port. */
export async function startEmulator(
  kind: EmulatorKind,
  opts: StartOptions = {},
): Promise<RunningEmulator> {
  const missing = emulatorMissing(kind);
  if (missing) throw new EmulatorStartError(kind, missing, "");
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const [bin, args] = emulatorCommand(kind, port, opts);
  const child = spawnGuarded(bin, args);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n"));
    lines.splice(0, Math.max(0, lines.length - LOG_LINES_KEPT));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const log = () => lines.join("\n");
  const stopGroup = stopper(child);
  const onExit = () => killGroup(child, "SIGKILL");
  process.once("exit", onExit);
  const stop = async () => {
    process.removeListener("exit", onExit);
    await stopGroup();
  };
  try {
    await waitReady(kind, host, child, log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { kind, host, log, stop };
}

function emulatorCommand(kind: EmulatorKind, port: number, opts: StartOptions): [string, string[]] {
  if (kind === "auth") {
    const project = opts.projectId ?? "demo-clusterjudge";
    const script = [AUTH_EMULATOR_SCRIPT, authEmulatorModule()!, String(port), project];
    return [process.execPath, ["-e", ...script]];
  }
  const common = ["--host=127.0.0.1", `--port=${port}`];
  if (kind === "pubsub") return [EMULATOR_BINARIES.pubsub, common];
  const rules = opts.rulesPath ? [`--rules=${opts.rulesPath}`] : [];
  return [EMULATOR_BINARIES.firestore, ["start", ...common, ...rules]];
}

/**
 * Runs `bin` in a new process group led by a shell that kills the group when the test
 * process (its parent) disappears or when the emulator exits.
 */
function spawnGuarded(bin: string, args: string[]): ChildProcess {
  const guard = [
    '"$0" "$@" & emulator=$!',
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 "$emulator" 2>/dev/null; do sleep ${GUARD_POLL_S}; done`,
    "kill -KILL 0",
  ].join("; ");
  return spawn("/bin/sh", ["-c", guard, bin, ...args], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once("exit", () => resolve());
  });
  return () => {
    stopping ??= (async () => {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      // The guard may exit before the JVM: make sure nothing of the group remains.
      killGroup(child, "SIGKILL");
    })();
    return stopping;
  };
}

async function waitReady(
  kind: EmulatorKind,
  host: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EmulatorStartError(kind, "it exited", log());
    }
    try {
      const res = await fetch(`http://${host}/`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(READY_POLL_MS);
  }
  throw new EmulatorStartError(kind, `no answer within ${READY_TIMEOUT_MS} ms`, log());
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
