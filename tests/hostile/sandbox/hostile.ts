// Deploys one hostile Python submission (nodes/<name>.py) on a real local cluster, the way
// the judge would: its files copied into a run's build folder under a judge home that also
// holds another run and a judge.db (what the node must not read). The node reports what it
// found as "HOSTILE {json}" log lines; the tests read them from the agent's log.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClusterHandle, NodeControl, NodeState } from "../../../shared/ports/cluster.ts";
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";

const here = dirname(fileURLToPath(import.meta.url));
const WAIT_MS_MAX = 30_000;

export interface Finding {
  check: string;
  result: unknown;
}

export interface HostileRun {
  handle: ClusterHandle;
  /** The run's build folder: the node's cwd, bound read-only into its view. */
  code: string;
  /** The fake judge home: judge.db and runs/<other>/ that the node must not read. */
  home: string;
  control(node?: number): NodeControl;
  /** Lets the node start its attack (it waits for a file "go" in its code folder). */
  go(): void;
  findings(node?: number): Promise<Finding[]>;
  /** The latest result of `check` on `node`, waiting for it to be reported. */
  finding(check: string, node?: number): Promise<unknown>;
  waitState(state: NodeState, node?: number): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function deployHostile(
  name: string,
  opts: { nodeCount?: number; args?: (code: string) => string[] } = {},
): Promise<HostileRun> {
  const home = mkdtempSync(join(tmpdir(), "cj-hostile-home-"));
  const code = join(home, ".clusterjudge", "runs", `run-${name}`, "build");
  mkdirSync(join(home, ".clusterjudge", "runs", "other-run", "source"), { recursive: true });
  writeFileSync(join(home, ".clusterjudge", "runs", "other-run", "source", "main.py"), "secret\n");
  writeFileSync(join(home, ".clusterjudge", "judge.db"), "SQLite format 3\0secret");
  cpSync(join(here, "nodes"), code, { recursive: true });
  const cluster = new LocalCluster();
  let handle: ClusterHandle;
  try {
    handle = await cluster.deploy({
      clusterId: `hostile-${name}-${process.pid}-${counter++}`,
      problem: "raft",
      nodeCount: opts.nodeCount ?? 1,
      command: {
        argv: ["/usr/bin/python3", "-u", `${name}.py`, ...(opts.args?.(code) ?? [])],
        cwd: code,
      },
    });
  } catch (err) {
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
  const control = (node = 0) => (handle.nodes[node] as { control: NodeControl }).control;
  const findings = async (node = 0) => {
    const page = await control(node).logs();
    return page.items
      .filter((l) => l.line.startsWith("HOSTILE "))
      .map((l) => JSON.parse(l.line.slice("HOSTILE ".length)) as Finding);
  };
  return {
    handle,
    code,
    home,
    control,
    go: () => writeFileSync(join(code, "go"), ""),
    findings,
    finding: async (check, node = 0) => {
      const until = Date.now() + WAIT_MS_MAX;
      for (;;) {
        const found = (await findings(node)).filter((f) => f.check === check).at(-1);
        if (found) return found.result;
        if (Date.now() > until) {
          const log = (await control(node).logs()).items.map((l) => l.line).join("\n");
          throw new Error(`node-${node} never reported ${check}; its log:\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    waitState: async (state, node = 0) => {
      const until = Date.now() + WAIT_MS_MAX;
      for (;;) {
        const status = await control(node).status();
        if (status.state === state) return;
        if (Date.now() > until) throw new Error(`never ${state}: ${JSON.stringify(status)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: async () => {
      await cluster.teardownAll();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Processes of the machine running as `uid` (read from /proc, as root sees them). */
export function processesOf(uid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const real = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(real) === uid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
