// The end-of-run check finds what a run left, and only that: processes carrying the run's
// mark (not others), a namespace and a cgroup named after one of the run's pids (not ones
// there before the run, nor ones named after someone else's pid); then it removes them.
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { findLeftovers, removeLeftovers, snapshotSandboxes } from "./check.ts";
import { markedProcesses, RunProcesses, TEST_RUN_ENV } from "./marker.ts";
import { deleteNetns, removeCgroup } from "./sandboxes.ts";

const runId = `probe-${process.pid}-${Date.now().toString(36)}`;
const except = new Set([process.pid]);
const started: ChildProcess[] = [];
const netnsMade: string[] = [];
const cgroupsMade: string[] = [];
const PIDS_CLUSTERS = "/sys/fs/cgroup/pids/clusterjudge";

afterAll(() => {
  for (const child of started) child.kill("SIGKILL");
  for (const name of netnsMade) deleteNetns(name);
  for (const dir of cgroupsMade) removeCgroup(dir);
});

/** An idle process, with the probe run's mark or without any. */
async function idle(marked: boolean): Promise<ChildProcess> {
  const env = { ...process.env };
  delete env[TEST_RUN_ENV];
  if (marked) env[TEST_RUN_ENV] = runId;
  const child = spawn("sleep", ["60"], { env, stdio: "ignore" });
  started.push(child);
  await once(child, "spawn");
  return child;
}

/** Until the marked process has exec'd (its environment reads as the new one). */
async function seenMarked(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (markedProcesses(runId, except).some((p) => p.pid === pid)) return;
    await sleep(20);
  }
  throw new Error(`process ${pid} never showed the mark`);
}

function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : once(child, "exit");
}

test("the run's marked processes are its leftovers; unmarked ones are not touched", async () => {
  const marked = await idle(true);
  const other = await idle(false);
  await seenMarked(marked.pid as number);
  const seen = new RunProcesses(runId);
  seen.sample();
  assert.ok(seen.pids.has(marked.pid as number));
  assert.ok(!seen.pids.has(other.pid as number));

  const left = await findLeftovers(
    { runId, owners: seen.pids, before: snapshotSandboxes(), except },
    0,
  );
  assert.deepEqual(
    left.processes.map((p) => [p.pid, p.args]),
    [[marked.pid, "sleep 60"]],
  );
  await removeLeftovers(left);
  await exited(marked);
  assert.equal(marked.signalCode, "SIGKILL");
  assert.equal(other.exitCode, null, "the unmarked process still runs");
  assert.equal(other.signalCode, null);
});

test("a namespace and a cgroup named after a run's pid are its leftovers, with what runs inside", async (t) => {
  if (process.getuid?.() !== 0) return t.skip("needs root for ip netns and cgroups");
  if (!existsSync("/sys/fs/cgroup/pids/cgroup.procs")) return t.skip("no cgroup v1 pids here");
  const owner = await idle(true);
  const stranger = await idle(false);
  await seenMarked(owner.pid as number);
  const seen = new RunProcesses(runId);
  seen.sample();

  const cgroup = (name: string) => {
    const dir = join(PIDS_CLUSTERS, name);
    mkdirSync(join(dir, "node-0"), { recursive: true });
    cgroupsMade.push(dir);
    return dir;
  };
  const earlier = cgroup(`cj-${owner.pid}-probe-before`);
  const before = snapshotSandboxes();
  const ours = cgroup(`cj-${owner.pid}-probe-ours`);
  const theirs = cgroup(`cj-${stranger.pid}-probe-theirs`);
  const inside = await idle(false); // unmarked, found by its cgroup
  writeFileSync(join(ours, "node-0", "cgroup.procs"), String(inside.pid));
  const netns = `cj-${owner.pid}-probe-ns`;
  execFileSync("ip", ["netns", "add", netns]);
  netnsMade.push(netns);

  const left = await findLeftovers({ runId, owners: seen.pids, before, except }, 0);
  assert.deepEqual(left.cgroups, [{ path: ours, pids: [inside.pid] }]);
  assert.deepEqual(left.netns, [{ name: netns, pids: [] }]);
  assert.ok(left.processes.some((p) => p.pid === owner.pid));

  await removeLeftovers(left);
  await exited(inside);
  assert.equal(existsSync(ours), false, "the cgroup is removed once its process is dead");
  assert.equal(existsSync(`/run/netns/${netns}`), false);
  assert.ok(existsSync(earlier) && existsSync(theirs), "not the run's: left alone");
});
