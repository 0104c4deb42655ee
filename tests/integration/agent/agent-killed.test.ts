// A node dies with its agent however the agent dies, wherever the agent runs: bare (as a
// Cloud Run container's entrypoint, no sandbox prefix) and in the local cluster. SIGKILL
// runs none of the agent's own hooks: only its watchdog (and, locally, setpriv's
// parent-death signal) can take the node down.
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { ControlClient } from "../../../shared/agent/control-client.ts";
import { commandLine, listPids, procStat } from "../../support/leftovers/proc.ts";
import { deployFixture, groupMembers, sleep, waitState } from "./fixture.ts";
import { spawnAgent } from "./spawn-agent.ts";

const GONE_WAIT_MS = 5_000;
const dir = mkdtempSync(join(tmpdir(), "cj-agent-killed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Polls until no process of group `pgid` is alive; returns what is still there after the wait. */
async function waitGroupGone(pgid: number): Promise<number[]> {
  const until = Date.now() + GONE_WAIT_MS;
  while (groupMembers(pgid).length > 0 && Date.now() < until) await sleep(20);
  return groupMembers(pgid);
}

/** The agent's watchdogs (tiny shells named cj-watchdog), one per node start not yet drained. */
function watchdogsOf(agentPid: number): number[] {
  return listPids().filter(
    (pid) => procStat(pid)?.ppid === agentPid && commandLine(pid)?.includes("cj-watchdog"),
  );
}

/** Polls until the agent has `count` watchdogs (a released one takes a moment to leave). */
async function watchdogsSettle(agentPid: number, count: number): Promise<number> {
  const until = Date.now() + GONE_WAIT_MS;
  while (watchdogsOf(agentPid).length !== count && Date.now() < until) await sleep(20);
  return watchdogsOf(agentPid).length;
}

/** A node that starts a helper in its own process group, then idles (or idles alone). */
function bareConfig(name: string, helper = true) {
  const home = join(dir, name);
  return {
    nodeId: "node-0",
    clusterSize: 1,
    ingress: { host: "127.0.0.1", port: 0 },
    node: { host: "127.0.0.1", port: 1 },
    peers: [],
    command: { argv: ["/bin/sh", "-c", `${helper ? "sleep 300 & " : ""}exec sleep 301`], cwd: dir },
    dataDir: join(home, "data"),
    nodePidFile: join(home, "node.pid"),
  };
}

async function nodeGroup(pidFile: string, size = 2): Promise<number> {
  const until = Date.now() + GONE_WAIT_MS;
  for (;;) {
    try {
      const pgid = Number(readFileSync(pidFile, "utf8"));
      if (groupMembers(pgid).length >= size) return pgid;
    } catch {
      // not started yet
    }
    if (Date.now() > until) throw new Error(`no node group from ${pidFile}`);
    await sleep(20);
  }
}

test("a bare agent SIGKILLed takes its node's whole process group with it", async () => {
  const config = bareConfig("bare");
  const agent = await spawnAgent(config);
  const pgid = await nodeGroup(config.nodePidFile);

  const exited = once(agent.child, "exit");
  agent.child.kill("SIGKILL");
  await exited;
  assert.deepEqual(await waitGroupGone(pgid), [], "the node and its helper died with the agent");
});

test("a node stopped or exited on its own releases its watchdog", async () => {
  // One process: the helper's zombie would wait for init to reap it at each kill.
  const config = bareConfig("released", false);
  const agent = await spawnAgent(config);
  const control = new ControlClient(`http://127.0.0.1:${agent.ingressPort}`);
  const agentPid = agent.child.pid as number;
  try {
    await nodeGroup(config.nodePidFile, 1);
    for (let i = 0; i < 3; i++) {
      await control.kill();
      await control.start();
    }
    await waitState(control, "starting"); // this node never listens: it stays "starting"
    assert.equal(await watchdogsSettle(agentPid, 1), 1, "one watchdog, for the node running now");
    await control.kill();
    assert.equal(await watchdogsSettle(agentPid, 0), 0, "no watchdog once the node is gone");
  } finally {
    control.close();
  }
});

test("in the local cluster, a SIGKILLed agent's node dies too", async () => {
  const f = await deployFixture({ nodeCount: 1 });
  try {
    const control = f.control(0) as ControlClient;
    const agentPid = (await control.info()).pid;
    const pgid = (await control.status()).pid as number;
    assert.ok(groupMembers(pgid).length > 0, "the node runs");
    process.kill(agentPid, "SIGKILL");
    assert.deepEqual(await waitGroupGone(pgid), [], "the node died with its agent");
  } finally {
    await f.close();
  }
});
