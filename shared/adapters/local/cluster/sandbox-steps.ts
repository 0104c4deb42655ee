// The sandbox steps by name, and the rule that a deploy fails closed: every step but the
// clock skew must hold (a build tool's steps likewise: shared/toolchains/build-sandbox.ts),
// unless the caller opted out (CLUSTERJUDGE_UNSAFE_NO_SANDBOX=1 or
// LocalClusterOptions.unsafeNoSandbox); an opted-out deploy says so in its steps and in
// `ClusterHandle.unsafeNoSandbox`, for every report to show.
import type { SandboxStep } from "../../../ports/cluster.ts";
import { NODE_DATA_DIR_BYTES } from "./limits.ts";

export const UNSAFE_ENV = "CLUSTERJUDGE_UNSAFE_NO_SANDBOX";
export const TURNED_OFF = "turned off by the caller";

export const STEP = {
  network: "network namespace per node (loopback only: its agent's egress listeners, nothing else)",
  namespaces: "bubblewrap: own pid, ipc, uts, mount and cgroup namespaces",
  view: "bubblewrap file system view (runtime and code read-only, DATA_DIR, private /tmp, /proc, /dev)",
  seccomp:
    "seccomp filter (mount, setns, unshare, ptrace, bpf, keyctl, modules, kexec ... refused)",
  user: "unprivileged user (own uid and gid, no capabilities, no_new_privs)",
  dataDir: `DATA_DIR ${NODE_DATA_DIR_BYTES / 2 ** 20} MiB (its own tmpfs)`,
  death: "node killed when its agent dies (setpriv --pdeathsig)",
  faketime: "clock skew (faketime)",
  enforced: "sandbox enforced (a missing step fails the deploy)",
} as const;

/** Steps a deploy may go without: the clock skew only refuses skewed starts. */
const OPTIONAL = new Set<string>([STEP.faketime]);

export function missingSteps(steps: SandboxStep[]): SandboxStep[] {
  return steps.filter((s) => !s.applied && !OPTIONAL.has(s.step));
}

/** How the caller opted out, or null: the option, else the environment variable. */
export function optedOut(option: boolean | undefined, env: NodeJS.ProcessEnv): string | null {
  if (option) return "LocalClusterOptions.unsafeNoSandbox";
  if (env[UNSAFE_ENV] === "1") return `${UNSAFE_ENV}=1`;
  return null;
}

/** The message of a deploy (or a build tool's run, `refused`) that failed closed. */
export function failedClosedMessage(missing: SandboxStep[], refused = "deploy refused"): string {
  const list = missing.map((s) => `${s.step}: ${s.detail}`).join("; ");
  return `sandbox step not applied, ${refused}: ${list}. To run without it (unconfined, for development only) set ${UNSAFE_ENV}=1.`;
}

/** The last step of every deploy: enforced, or which steps an opt-out let go. */
export function enforcementStep(missing: SandboxStep[], how: string | null): SandboxStep {
  if (missing.length === 0) {
    return { step: STEP.enforced, applied: true, detail: "every step above held" };
  }
  return {
    step: STEP.enforced,
    applied: false,
    detail: `UNSAFE: opted out by ${how}; missing: ${missing.map((s) => s.step).join("; ")}`,
  };
}
