// Builds the node's command line and environment: the node contract's variables and
// PATH, HOME, LANG (nothing inherited), the sandbox's wrappers (join cgroups, setpriv,
// bwrap) and faketime for a clock skew.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { AgentConfig } from "./config.ts";
import { AgentActionError } from "./errors.ts";

export interface Launch {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * All a node gets beyond the node contract's variables (and the judge's `command.env`):
 * nothing of the agent's own environment, which holds the judge's (and, in a container,
 * the agent's config with its control token).
 */
export const NODE_BASE_ENV: Readonly<Record<string, string>> = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  HOME: "/tmp",
  LANG: "C.UTF-8",
};

export function nodeEnvironment(config: AgentConfig): NodeJS.ProcessEnv {
  const peers = config.peers.map((p) => `${p.id}=127.0.0.1:${p.egressPort}`).join(",");
  return {
    ...NODE_BASE_ENV,
    ...config.command.env,
    NODE_ID: config.nodeId,
    CLUSTER_SIZE: String(config.clusterSize),
    LISTEN_ADDR: `${config.node.host}:${config.node.port}`,
    PEERS: peers,
    DATA_DIR: config.dataDir,
  };
}

/** `+30s` / `-1.5s`: a relative offset, never an absolute time (that would freeze timers). */
export function faketimeOffset(skewMs: number): string {
  const seconds = Number((skewMs / 1000).toFixed(3));
  return `${seconds >= 0 ? "+" : ""}${seconds}s`;
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this folder
    }
  }
  return null;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function buildLaunch(
  config: AgentConfig,
  skewMs: number,
  faketime: string | null,
  env: NodeJS.ProcessEnv,
): Launch {
  const argv = [...config.sandbox.prefix];
  if (skewMs !== 0) {
    if (!faketime) throw new AgentActionError("a clock skew needs faketime, not installed", 409);
    argv.push(faketime, "-f", faketimeOffset(skewMs));
  }
  argv.push(...config.command.argv);
  const joins = config.sandbox.cgroupProcsFiles;
  if (joins.length === 0) return { file: argv[0] ?? "", args: argv.slice(1), env };
  // The shell moves itself into the cgroups, then execs: the node is limited from its first
  // instruction, with no window where it runs outside them.
  const script = `${joins.map((f) => `echo $$ > ${shellQuote(f)}`).join(" && ")} && exec "$@"`;
  return { file: "/bin/sh", args: ["-c", script, "sh", ...argv], env };
}
