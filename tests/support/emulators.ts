// Starts the Google Cloud SDK's Firestore and Pub/Sub emulators, and the Firebase Auth
// emulator (firebase-tools' CLI, an optional install: auth-emulator.ts), for a test file, each
// on a free loopback port. An emulator runs in its own process group under a small shell guard that
// kills the group when the test process is gone, so even a test killed with SIGKILL leaves no
// process behind. When an emulator is not installed, `emulatorMissing` says so and the
// suites skip their cases by name with that sentence.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { authEmulatorCommand, authEmulatorMissing } from "./auth-emulator.ts";
import { freePort } from "../../shared/adapters/local/cluster/ports.ts";

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

/**
 * Firestore and Pub/Sub start in a second or two on an idle machine. Auth takes longer: the
 * firebase CLI loads all its commands, then the emulator compiles its API's schema (87 s on
 * this 2-core machine at a load of 18, against 48 s for the emulator's module alone). A busy
 * shared machine may take much longer than an idle one.
 */
const READY_TIMEOUT_MS: Readonly<Record<EmulatorKind, number>> = {
  firestore: 90_000,
  pubsub: 90_000,
  auth: 240_000,
};
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
  if (kind === "auth") return authEmulatorMissing();
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
  const command = await emulatorCommand(kind, port, opts);
  const child = spawnGuarded(command);
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
    command.cleanup?.();
  };
  try {
    await waitReady(kind, host, child, log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { kind, host, log, stop };
}

interface EmulatorCommand {
  bin: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  cleanup?(): void;
}

async function emulatorCommand(
  kind: EmulatorKind,
  port: number,
  opts: StartOptions,
): Promise<EmulatorCommand> {
  if (kind === "auth") {
    const ports = { auth: port, hub: await freePort(), logging: await freePort() };
    return authEmulatorCommand(ports, opts.projectId ?? "demo-clusterjudge");
  }
  const common = ["--host=127.0.0.1", `--port=${port}`];
  if (kind === "pubsub") return { bin: EMULATOR_BINARIES.pubsub, args: common };
  const rules = opts.rulesPath ? [`--rules=${opts.rulesPath}`] : [];
  return { bin: EMULATOR_BINARIES.firestore, args: ["start", ...common, ...rules] };
}

/**
 * Runs `bin` in a new process group led by a shell that kills the group when the test
 * process (its parent) disappears or when the emulator exits.
 */
function spawnGuarded({ bin, args, cwd, env }: EmulatorCommand): ChildProcess {
  const guard = [
    '"$0" "$@" & emulator=$!',
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 "$emulator" 2>/dev/null; do sleep ${GUARD_POLL_S}; done`,
    "kill -KILL 0",
  ].join("; ");
  return spawn("/bin/sh", ["-c", guard, bin, ...args], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    ...(cwd ? { cwd } : {}),
    ...(env ? { env } : {}),
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
  const deadline = Date.now() + READY_TIMEOUT_MS[kind];
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
  throw new EmulatorStartError(kind, `no answer within ${READY_TIMEOUT_MS[kind]} ms`, log());
}
