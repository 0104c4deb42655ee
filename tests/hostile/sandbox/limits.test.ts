// Limits hold and are named: a fork bomb, a memory hog, a disk filler and a CPU spinner are
// contained by the node's cgroups and file systems, and the agent records which limit each
// ran into; a node that turns on its parent and leaves a detached child behind takes
// nothing with it past its end.
import { afterEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { clusterKey } from "../../../shared/adapters/local/cluster/layout.ts";
import { nodeUid } from "../../../shared/adapters/local/cluster/uids.ts";
import { deployHostile, processesOf, type HostileRun } from "./hostile.ts";

const MIB = 2 ** 20;
/** USER_HZ: Linux reports process times in hundredths of a second on every architecture. */
const CLOCK_TICKS_PER_SECOND = 100;
let run: HostileRun | null = null;
afterEach(async () => {
  await run?.close();
  run = null;
});

const uidOf = (r: HostileRun, node = 0) => nodeUid(clusterKey(r.handle.clusterId), node);

async function gone(uid: number): Promise<number[]> {
  const until = Date.now() + 10_000;
  while (processesOf(uid).length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return processesOf(uid);
}

/** CPU time (user + system) of every process running as `uid`, in seconds. */
function cpuSeconds(uid: number): number {
  let ticks = 0;
  for (const pid of processesOf(uid)) {
    try {
      // pid (comm) state ... utime stime: fields 14 and 15, 12 and 13 after the comm.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

function cgroupFile(r: HostileRun, controller: string, file: string): string {
  const step = r.handle.sandbox.find((s) => s.step.startsWith(`${controller} cgroup`));
  const dir = /(\/\S+)\/<node>/.exec(step?.detail ?? "")?.[1];
  assert.ok(dir, `the ${controller} step names its folder: ${step?.detail}`);
  return readFileSync(join(dir, "node-0", file), "utf8");
}

describe("limits", () => {
  test("a fork bomb stops at the pids limit, recorded; nothing of it survives a kill", async () => {
    run = await deployHostile("fork_bomb");
    run.go();
    const forks = (await run.finding("forks")) as { made: number; refused: number; errno: string };
    assert.equal(forks.errno, "EAGAIN");
    assert.ok(forks.made < 512, `made ${forks.made}`);
    assert.ok(Number(cgroupFile(run, "pids", "pids.current")) <= 512);
    const status = await run.control().status();
    const hit = status.limitHits?.find((h) => h.limit === "pids");
    assert.ok(hit, JSON.stringify(status));
    assert.equal(hit.bound, 512);
    assert.equal(
      hit.message,
      "pids limit: node-0 was refused a process or thread beyond 512 tasks",
    );
    assert.equal(status.state, "running", "refused forks do not kill the node");
    await run.control().kill();
    assert.deepEqual(await gone(uidOf(run)), []);
  });

  test("a memory hog is killed at 512 MiB, and the limit is named", async () => {
    run = await deployHostile("memory_hog");
    run.go();
    await run.waitState("exited");
    const status = await run.control().status();
    assert.equal(status.lastExit?.cause, "memory limit: node-0 was killed at 512 MiB");
    assert.deepEqual(
      { ...status.lastExit?.limit, atMs: 0 },
      {
        limit: "memory",
        bound: 512 * MIB,
        killed: true,
        atMs: 0,
        message: "memory limit: node-0 was killed at 512 MiB",
      },
    );
    const held = (await run.findings()).filter((f) => f.check === "held MiB").at(-1)?.result;
    assert.ok(typeof held === "number" && held < 512, `held ${held} MiB`);
  });

  test("a disk filler stops at DATA_DIR's 256 MiB and /tmp's 64 MiB, recorded", async () => {
    run = await deployHostile("disk_filler");
    run.go();
    const data = (await run.finding("DATA_DIR")) as { MiB: number; errno: string };
    const tmp = (await run.finding("/tmp")) as { MiB: number; errno: string };
    assert.equal(data.errno, "ENOSPC");
    assert.ok(data.MiB <= 256 && data.MiB >= 250, `DATA_DIR took ${data.MiB} MiB`);
    assert.equal(tmp.errno, "ENOSPC");
    assert.ok(tmp.MiB <= 64 && tmp.MiB >= 60, `/tmp took ${tmp.MiB} MiB`);
    await run.waitState("exited");
    const status = await run.control().status();
    assert.deepEqual(
      status.limitHits?.map((h) => [h.limit, h.bound, h.message]),
      [
        ["disk", 256 * MIB, "disk limit: node-0 filled its DATA_DIR (256 MiB)"],
        ["disk", 64 * MIB, "disk limit: node-0 filled its /tmp (64 MiB)"],
      ],
    );
    // The last one explains the exit.
    assert.equal(
      status.lastExit?.cause,
      "node-0 exited with code 1 (disk limit: node-0 filled its /tmp (64 MiB))",
    );
  });

  test("a CPU spinner with four processes gets at most its one core", async () => {
    run = await deployHostile("cpu_spinner");
    const uid = uidOf(run);
    run.go();
    const until = Date.now() + 10_000;
    while (processesOf(uid).length < 4 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // An upper bound only: a loaded machine gives less, never more. Without the quota four
    // spinners on an idle two-core machine would take two cores.
    const before = cpuSeconds(uid);
    const start = performance.now();
    await new Promise((r) => setTimeout(r, 3_000));
    const cores = (cpuSeconds(uid) - before) / ((performance.now() - start) / 1000);
    assert.equal(cgroupFile(run, "cpu", "cpu.cfs_quota_us").trim(), "100000");
    assert.ok(cores <= 1.25, `the spinners took ${cores.toFixed(2)} cores`);
    assert.equal((await run.control().status()).state, "running");
  });

  test("a node that kills its parent and leaves a detached child takes nothing past its end", async () => {
    run = await deployHostile("kill_parent");
    run.go();
    assert.equal(await run.finding("kill parent"), "EPERM");
    assert.equal(await run.finding("kill 1"), "EPERM");
    await run.finding("orphan");
    await run.waitState("exited");
    assert.equal((await run.control().status()).lastExit?.cause, "node-0 exited with code 3");
    assert.deepEqual(await gone(uidOf(run)), [], "the detached grandchild died with its node");
  });
});
