// No process outlives the judge, even when the judge is SIGKILLed: its agents see their
// parent gone and kill their nodes; the next deploy sweeps the folders, namespace and
// cgroups the dead judge left.
import { test } from "vitest";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  clusterKey,
  defaultRootDir,
  sweepOrphans,
} from "../../../shared/adapters/local/cluster/layout.ts";
import { groupMembers } from "./fixture.ts";

const here = dirname(fileURLToPath(import.meta.url));
const GONE_WAIT_MS = 15_000;

/** Whether the process, or any process of its group, still lives. */
function alive(pid: number): boolean {
  return groupMembers(pid).length > 0;
}

test("a killed judge leaves no process behind, and its leftovers are swept", async () => {
  const judge = spawn(process.execPath, ["--import", "tsx", join(here, "hold-cluster.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      judge.stdout.once("data", (d: Buffer) => resolve(d.toString()));
      judge.once("exit", (code) => reject(new Error(`the judge exited first (${code})`)));
    });
    const made = JSON.parse(line) as { nodes: { agent: number; node: number }[] };
    const pids = made.nodes.flatMap((n) => [n.agent, n.node]);
    assert.ok(pids.every(alive), "the cluster runs");
    const key = clusterKey(`agent-held-${judge.pid}`, judge.pid);
    assert.ok(existsSync(join(defaultRootDir(), key)), "the judge's cluster folder");
    judge.kill("SIGKILL");

    const until = Date.now() + GONE_WAIT_MS;
    while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(pids.filter(alive), [], "every agent and node died with the judge");

    // Any deploy sweeps (another test's, another judge's): sweep here too, then look.
    await sweepOrphans(defaultRootDir());
    assert.equal(existsSync(join(defaultRootDir(), key)), false);
    assert.equal(existsSync(`/run/netns/${key}`), false);
    assert.equal(existsSync(`/sys/fs/cgroup/memory/clusterjudge/${key}`), false);
  } finally {
    if (judge.exitCode === null) judge.kill("SIGKILL");
  }
});
