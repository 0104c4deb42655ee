// Whether each tool the sandbox uses exists and does its job here, tried once per process
// in the very shape the nodes get (bubblewrap's namespaces and tmpfs size, the seccomp
// filter loaded through fd 3, setpriv dropping to an unprivileged uid).
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { findOnPath } from "../../../agent/launch.ts";
import { runtimeArgs } from "./bwrap-view.ts";
import { encodeProgram, seccompProgram } from "./seccomp.ts";

const run = promisify(execFile);
const PROBE_TIMEOUT_MS = 5_000;
const PROBE_UID = 65534;

interface Tool {
  path: string | null;
  detail: string;
}

export interface Tools {
  bwrap: Tool;
  /** bubblewrap loads the seccomp filter and a program still runs under it. */
  seccomp: { works: boolean; detail: string };
  /** setpriv --pdeathsig */
  setpriv: Tool;
  /** setpriv dropping uid, groups and capabilities */
  setprivDrop: Tool;
  nsenter: string | null;
  faketime: string | null;
}

let tools: Promise<Tools> | null = null;

export function probeTools(): Promise<Tools> {
  tools ??= (async () => {
    const bwrapShape = [
      "--unshare-pid",
      "--unshare-ipc",
      "--unshare-uts",
      "--unshare-cgroup",
      ...runtimeArgs(),
      "--proc",
      "/proc",
      "--dev",
      "/dev",
      "--perms",
      "1777",
      "--size",
      "1048576",
      "--tmpfs",
      "/tmp",
    ];
    const bwrap = await tryTool("bwrap", [...bwrapShape, "--", "/usr/bin/true"]);
    const program = seccompProgram();
    const seccomp =
      bwrap.path && program
        ? await tryWithFd3(
            bwrap.path,
            [...bwrapShape, "--seccomp", "3", "--", "/usr/bin/true"],
            encodeProgram(program),
          )
        : { works: false, detail: "needs bubblewrap and a system call table" };
    const setpriv = await tryTool("setpriv", ["--pdeathsig", "KILL", "--", "/usr/bin/true"]);
    const setprivDrop = await tryTool("setpriv", [
      `--reuid=${PROBE_UID}`,
      `--regid=${PROBE_UID}`,
      "--clear-groups",
      "--inh-caps=-all",
      "--bounding-set=-all",
      "--no-new-privs",
      "--",
      "/usr/bin/true",
    ]);
    return {
      bwrap,
      seccomp,
      setpriv,
      setprivDrop,
      nsenter: findOnPath("nsenter", process.env),
      faketime: findOnPath("faketime", process.env),
    };
  })();
  return tools;
}

async function tryTool(name: string, args: string[]): Promise<Tool> {
  const path = findOnPath(name, process.env);
  if (!path) return { path: null, detail: `${name} is not installed` };
  try {
    await run(path, args, { timeout: PROBE_TIMEOUT_MS });
    return { path, detail: path };
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    return {
      path: null,
      detail: `${name} does not work here: ${stderr || (err as Error).message}`,
    };
  }
}

/** Runs the command with `data` readable on fd 3, as the agent gives bwrap its filter. */
function tryWithFd3(
  file: string,
  args: string[],
  data: Buffer,
): Promise<{ works: boolean; detail: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ["ignore", "ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const fd3 = child.stdio[3] as NodeJS.WritableStream & { on(e: "error", f: () => void): void };
    fd3.on("error", () => {});
    fd3.end(data);
    const timer = setTimeout(() => child.kill("SIGKILL"), PROBE_TIMEOUT_MS);
    child.once("error", (err) => {
      clearTimeout(timer);
      resolve({ works: false, detail: `bwrap --seccomp: ${err.message}` });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(
        code === 0
          ? { works: true, detail: "loaded by bwrap --seccomp" }
          : {
              works: false,
              detail: `bwrap --seccomp failed (${signal ?? `code ${code}`}): ${stderr.trim()}`,
            },
      );
    });
  });
}
