// Runs one build tool confined as a node is: a build runs the learner's code (a Go or Rust
// build script, a macro) or parses hostile input, so it gets the local cluster's sandbox
// (shared/adapters/local/cluster): bubblewrap's namespaces and runtime view with only its
// readable folders (read-only) and writable folders added, no network at all, a uid of its
// own with no capabilities, the seccomp filter, a node's memory and tasks bounds in cgroups
// of its own, and its whole process group, pid namespace and cgroups killed at its time.
// Every step is required, as for a deploy: a missing one refuses the run (ToolchainError),
// unless CLUSTERJUDGE_UNSAFE_NO_SANDBOX=1 opts out, which runs the tool as runTool does.
import {
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { constants, tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import type { SandboxStep } from "../ports/cluster.ts";
import { codePaths, passwdFiles, viewArgs } from "../adapters/local/cluster/bwrap-view.ts";
import { CgroupTree, type ClusterCgroups } from "../adapters/local/cluster/cgroups.ts";
import { clusterKey, removeCgroups } from "../adapters/local/cluster/layout.ts";
import { NODE_MEMORY_BYTES, NODE_TASKS_MAX } from "../adapters/local/cluster/limits.ts";
import { dropPrivileges, joinCgroups } from "../adapters/local/cluster/sandbox.ts";
import {
  failedClosedMessage,
  missingSteps,
  optedOut,
} from "../adapters/local/cluster/sandbox-steps.ts";
import { encodeProgram, seccompProgram } from "../adapters/local/cluster/seccomp.ts";
import { probeTools } from "../adapters/local/cluster/tools.ts";
import { buildUid } from "../adapters/local/cluster/uids.ts";
import { runProgram, runTool, type ToolOptions, type ToolResult } from "./run-tool.ts";
import { ToolchainError } from "./types.ts";

export interface BuildToolOptions extends ToolOptions {
  /** Folders the tool may write (its output, a cache): created if missing, given to its uid. */
  writable: string[];
  /** Folders or files it may read beyond the runtime view (the submission, the proto). */
  readable?: string[];
  /** Its memory bound when the tool has its own (BuildBounds); else a node's 512 MiB. */
  memoryMiB?: number;
}

const MIB = 2 ** 20;

const BUILD_STEP = {
  view: "bubblewrap: own pid, ipc, uts, mount and cgroup namespaces; runtime, readable folders read-only, writable folders, private /tmp",
  network: "no network (an empty network namespace)",
  user: "unprivileged user (a build uid of its own, no capabilities, no_new_privs)",
  seccomp: "seccomp filter (the node's)",
  tasks: `pids cgroup ${NODE_TASKS_MAX} tasks`,
} as const;

/** The tool's name in its cgroup folder, and its hostname. */
const TOOL = "build";
let runs = 0;
let warned = false;

export async function runBuildTool(
  argv: string[],
  cwd: string,
  opts: BuildToolOptions,
): Promise<ToolResult> {
  const name = argv[0];
  if (!name) throw new ToolchainError("runBuildTool", "empty command");
  const key = clusterKey(`${TOOL}-${++runs}`);
  const tree = new CgroupTree();
  const memoryBytes = opts.memoryMiB !== undefined ? opts.memoryMiB * MIB : NODE_MEMORY_BYTES;
  const cgroups = tree.make(key, [TOOL], {
    controllers: ["memory", "pids"],
    agents: false,
    memoryBytes,
  });
  try {
    const plan = await planSteps(cgroups, memoryBytes);
    const missing = missingSteps(plan.steps);
    if (missing.length > 0) {
      const how = optedOut(undefined, process.env);
      if (!how) throw new ToolchainError(name, failedClosedMessage(missing, "build tool not run"));
      warnUnconfined(how, missing);
      return await runTool(argv, cwd, opts);
    }
    return await runConfined(argv, cwd, opts, { ...plan, cgroups, tree, key });
  } finally {
    await removeCgroups(key, tree);
  }
}

interface Plan {
  steps: SandboxStep[];
  bwrap: string | null;
  setpriv: string | null;
  seccomp: Buffer | null;
  /** RLIMIT_AS when there is no memory cgroup. */
  addressSpaceBytes: number | undefined;
}

/** Each step, applied or why not (tools.ts tries each tool once per process). */
async function planSteps(cgroups: ClusterCgroups, memoryBytes: number): Promise<Plan> {
  const found = await probeTools();
  const bwrap = found.bwrap.path;
  const program = seccompProgram();
  const seccomp = bwrap && program && found.seccomp.works ? encodeProgram(program) : null;
  const memory = cgroups.steps.find((s) => s.step.startsWith("memory"));
  const pids = cgroups.steps.find((s) => s.step.startsWith("pids"));
  const steps: SandboxStep[] = [
    { step: BUILD_STEP.view, applied: bwrap !== null, detail: found.bwrap.detail },
    {
      step: BUILD_STEP.network,
      applied: bwrap !== null,
      detail: bwrap ? "bwrap --unshare-net" : found.bwrap.detail,
    },
    {
      step: BUILD_STEP.user,
      applied: found.setprivDrop.path !== null,
      detail: found.setprivDrop.detail,
    },
    {
      step: BUILD_STEP.seccomp,
      applied: seccomp !== null,
      detail: seccomp ? "loaded by bwrap --seccomp" : found.seccomp.detail,
    },
    {
      step: `memory ${memoryBytes / MIB} MiB`,
      applied: true,
      detail: memory?.applied ? memory.detail : `RLIMIT_AS (${memory?.detail ?? "no cgroup"})`,
    },
    {
      step: BUILD_STEP.tasks,
      applied: pids?.applied ?? false,
      detail: pids?.detail ?? "no pids cgroup",
    },
  ];
  return {
    steps,
    bwrap,
    setpriv: found.setprivDrop.path,
    seccomp,
    addressSpaceBytes: memory?.applied ? undefined : memoryBytes,
  };
}

async function runConfined(
  argv: string[],
  cwd: string,
  opts: BuildToolOptions,
  how: Plan & { cgroups: ClusterCgroups; tree: CgroupTree; key: string },
): Promise<ToolResult> {
  const { bwrap, setpriv } = how;
  if (!bwrap || !setpriv) throw new Error("runConfined without bwrap or setpriv");
  const uid = buildUid();
  const writable = opts.writable.map((w) => resolve(w));
  const readable = (opts.readable ?? []).map((r) => resolve(r));
  for (const path of readable) assertWorldReadable(path);
  const scratch = mkdtempSync(join(tmpdir(), "cj-build-"));
  try {
    for (const dir of writable) {
      mkdirSync(dir, { recursive: true });
      chownTree(dir, uid, uid);
    }
    const here = resolve(cwd);
    const insideOne = [...writable, ...readable].some((p) => isUnder(here, p));
    const view = viewArgs({
      hostname: TOOL,
      ...passwdFiles(scratch, TOOL, uid),
      readOnly: codePaths(insideOne ? readable : [...readable, here]),
      writable,
      cwd: here,
    });
    const prefix = [
      ...joinCgroups(how.cgroups.nodes.get(TOOL), how.addressSpaceBytes),
      bwrap,
      "--unshare-net",
      ...view,
      ...(how.seccomp ? ["--seccomp", "3"] : []),
      "--",
      ...dropPrivileges(setpriv, uid),
    ];
    const result = await runProgram([...prefix, ...argv], here, opts, {
      name: argv[0] ?? "runBuildTool",
      ...(how.seccomp ? { fd3: how.seccomp } : {}),
      onTimeout: () => how.tree.killProcesses(how.key),
    });
    return asToolsOwn(result);
  } finally {
    // What the tool wrote goes back to the judge: its uid may come again, to another build.
    for (const dir of writable) chownTree(dir, process.getuid?.() ?? 0, process.getgid?.() ?? 0);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * bwrap exits with 128 + N when the tool was killed by signal N: that is the tool's signal,
 * as runTool reports it (a tool that exits with 129..192 on its own reads the same way).
 */
function asToolsOwn(result: ToolResult): ToolResult {
  const code = result.code;
  if (code === null || code <= 128 || code > 128 + 64) return result;
  const signal = Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0];
  return signal ? { ...result, code: null, signal: signal as NodeJS.Signals } : result;
}

/** The tool's uid sees a readable folder only through the permissions of "others". */
function assertWorldReadable(path: string): void {
  let mode: number;
  let isDir: boolean;
  try {
    const stat = statSync(path);
    mode = stat.mode;
    isDir = stat.isDirectory();
  } catch (err) {
    throw new ToolchainError("runBuildTool", `readable ${path} is missing`, { cause: err });
  }
  const needed = isDir ? 0o005 : 0o004;
  if ((mode & needed) !== needed) {
    throw new ToolchainError(
      "runBuildTool",
      `readable ${path} is not readable by others (mode ${(mode & 0o777).toString(8)}): the build's uid could not read it`,
    );
  }
}

/** Gives a folder and everything in it to `uid` (links themselves, never what they name). */
function chownTree(path: string, uid: number, gid: number): void {
  const stat = lstatSync(path);
  if (stat.uid !== uid || stat.gid !== gid) lchownSync(path, uid, gid);
  if (stat.isDirectory())
    for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function warnUnconfined(how: string, missing: SandboxStep[]): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    `build tools run UNCONFINED (${how}); missing: ${missing.map((m) => m.step).join("; ")}`,
  );
}
