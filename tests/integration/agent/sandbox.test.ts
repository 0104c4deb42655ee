// The local cluster's sandbox and lifecycle: every step reported and enforced, what a node
// can reach and write, its cgroups, a memory hog stopped and named, a Python node, deploy
// failures that show the node's log, a teardown that leaves nothing, and the fail-closed
// rule with its explicit opt-out. (The hostile submissions are in tests/hostile/sandbox.)
import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer, type AddressInfo, type Server } from "node:net";
import { status as grpcStatus } from "@grpc/grpc-js";
import type { ControlClient } from "../../../shared/agent/control-client.ts";
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";
import { ClusterDeployError } from "../../../shared/adapters/local/cluster/errors.ts";
import { clusterKey, defaultRootDir } from "../../../shared/adapters/local/cluster/layout.ts";
import { mountsUnder } from "../../../shared/adapters/local/cluster/mounts.ts";
import { listNetns } from "../../../shared/adapters/local/cluster/netns.ts";
import { pythonNodeCommand, testNodeCommand } from "../../support/test-node/command.ts";
import { TestNodeClient } from "../../support/test-node/client.ts";
import { deployFixture, groupMembers, waitState, type Fixture } from "./fixture.ts";

const { OK } = grpcStatus;

/** Whether the process, or any process of its group, still lives. */
function alive(pid: number): boolean {
  return groupMembers(pid).length > 0;
}

describe("the sandboxed cluster", () => {
  let f: Fixture;
  let outside: Server;
  beforeAll(async () => {
    f = await deployFixture({ nodeCount: 2 });
    outside = createServer((s) => s.destroy());
    await new Promise<void>((r) => outside.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(async () => {
    outside?.close();
    await f?.close();
  });

  test("every step is reported and held (the deploy fails closed otherwise)", () => {
    for (const s of f.handle.sandbox) {
      assert.equal(typeof s.applied, "boolean");
      assert.ok(s.detail.length > 0, `${s.step} says how or why not`);
    }
    const names = f.handle.sandbox.map((s) => s.step).join(" | ");
    for (const word of [
      "memory",
      "cpu",
      "pids",
      "network namespace",
      "bubblewrap",
      "seccomp",
      "unprivileged user",
      "DATA_DIR",
      "faketime",
      "sandbox enforced",
    ]) {
      assert.ok(names.includes(word), `${word} in ${names}`);
    }
    const missing = f.handle.sandbox.filter((s) => !s.applied && !s.step.includes("faketime"));
    assert.deepEqual(missing, []);
    assert.equal(f.handle.unsafeNoSandbox, undefined);
  });

  test("a node reaches nothing outside its own namespace", async () => {
    const port = (outside.address() as AddressInfo).port;
    const probe = await f.clients[0]!.probe(`127.0.0.1:${port}`, "");
    assert.equal(probe.code, OK);
    assert.notEqual(probe.reply?.connect_result, "connected");
  });

  test("a node writes only its DATA_DIR", async () => {
    // A host folder outside every temporary folder: not in the node's view at all.
    const target = `${resolve(tmpdir()).startsWith("/var/tmp") ? "/srv" : "/var/tmp"}/escaped-by-a-node-${process.pid}`;
    const probe = await f.clients[0]!.probe("", target);
    const escaped = existsSync(target);
    if (escaped) rmSync(target, { force: true });
    assert.equal(probe.reply?.write_result, "ENOENT");
    assert.equal(escaped, false);
    assert.equal((await f.clients[0]!.probe("", "/usr/escaped")).reply?.write_result, "EROFS");
    assert.equal((await f.clients[0]!.writeFile("ok", "1")).code, OK);
  });

  test("a node and its agent run inside cgroups of their own", async () => {
    const own = (await f.clients[1]!.probe("", "")).reply?.cgroups ?? "";
    assert.match(own, /^\d+:memory:\/$/m, "a cgroup namespace: the node sees its own as /");
    const agentPid = (await (f.control(1) as ControlClient).info()).pid;
    const nodePids = groupMembers((await f.control(1).status()).pid as number);
    const inside = (pid: number) => readFileSync(`/proc/${pid}/cgroup`, "utf8");
    for (const controller of ["memory", "cpu", "pids"]) {
      const at = (name: string) =>
        new RegExp(`[:,]${controller}(,[^:]*)?:/clusterjudge/cj-\\d+-[^/]+/${name}$`, "m");
      assert.match(inside(agentPid), at("agent-node-1"));
      for (const pid of nodePids) assert.match(inside(pid), at("node-1"));
    }
  });

  test("a memory hog is killed and named", async () => {
    const hog = await f.clients[1]!.hog(700, { deadlineMs: 30_000 });
    assert.notEqual(hog.code, OK);
    await waitState(f.control(1), "exited");
    const status = await f.control(1).status();
    assert.equal(status.lastExit?.cause, "memory limit: node-1 was killed at 512 MiB");
    assert.equal(status.lastExit?.limit?.limit, "memory");
    assert.equal(status.limitHits?.at(-1)?.message, "memory limit: node-1 was killed at 512 MiB");
    const log = (await f.control(1).logs()).items.map((l) => l.line).join("\n");
    assert.match(log, /exited: memory limit: node-1 was killed at 512 MiB/);
  });
});

describe("cluster lifecycle", () => {
  const cluster = new LocalCluster();
  afterAll(async () => cluster.teardownAll());

  test("a Python node runs behind its agent", async () => {
    const handle = await cluster.deploy({
      clusterId: `agent-python-${process.pid}`,
      problem: "raft",
      nodeCount: 2,
      command: pythonNodeCommand(),
    });
    const client = new TestNodeClient(handle.nodes[1]!.clientAddress);
    const echoed = await client.echo("from python");
    client.close();
    assert.equal(echoed.code, OK);
    assert.equal(echoed.reply?.text, "from python");
    assert.deepEqual(await handle.nodes[1]!.control.counters(), { "/testnode.TestNode/Echo": 1 });
    await cluster.teardown(handle.clusterId);
  });

  test("a node that dies at start fails the deploy with its log", async () => {
    const deploying = cluster.deploy({
      clusterId: `agent-dies-${process.pid}`,
      problem: "raft",
      nodeCount: 2,
      command: { argv: ["/bin/sh", "-c", "echo cannot open the log >&2; exit 3"], cwd: "/" },
    });
    const err = await deploying.then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ClusterDeployError, String(err));
    assert.match(err.message, /exited before it was ready: node-\d exited with code 3/);
    assert.match(err.log, /cannot open the log/);
    assert.equal(await cluster.attach(`agent-dies-${process.pid}`), null, "nothing left deployed");
  });

  test("a node that never listens fails the deploy after its ready timeout", async () => {
    const err = await cluster
      .deploy({
        clusterId: `agent-silent-${process.pid}`,
        problem: "raft",
        nodeCount: 1,
        command: { argv: ["/bin/sh", "-c", "echo thinking; exec sleep 60"], cwd: "/" },
        readyTimeoutMs: 3_000,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof ClusterDeployError, String(err));
    assert.match(err.message, /node-0 was not ready \(state starting\) 3 s after start/);
    assert.match(err.log, /thinking/);
  });

  test("teardown leaves no process, folder, mount, namespace or cgroup", async () => {
    const f = await deployFixture({ nodeCount: 2 });
    const pids = await Promise.all(f.handle.nodes.map(async (n) => (await n.control.status()).pid));
    const key = clusterKey(f.handle.clusterId);
    const dir = join(defaultRootDir(), key);
    assert.equal(mountsUnder(dir).length, 2, "a DATA_DIR file system per node");
    await f.close();
    for (const pid of pids) assert.equal(alive(pid as number), false, `node pid ${pid} is gone`);
    assert.equal(existsSync(dir), false);
    assert.deepEqual(mountsUnder(dir), []);
    assert.deepEqual(listNetns(key), []);
    assert.equal(existsSync(`/sys/fs/cgroup/memory/clusterjudge/${key}`), false);
    await f.cluster.teardownAll(); // safe to repeat
  });

  test("a missing step fails the deploy, naming it; nothing is left behind", async () => {
    const cluster = new LocalCluster({ disable: { networkNamespace: true } });
    const id = `agent-closed-${process.pid}`;
    const err = await cluster
      .deploy({ clusterId: id, problem: "raft", nodeCount: 1, command: await testNodeCommand() })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof ClusterDeployError, String(err));
    assert.match(
      err.message,
      /sandbox step not applied, deploy refused: network namespace per node .*: turned off by the caller\. .*CLUSTERJUDGE_UNSAFE_NO_SANDBOX=1/,
    );
    assert.equal(await cluster.attach(id), null);
    assert.equal(existsSync(join(defaultRootDir(), clusterKey(id))), false);
    assert.deepEqual(listNetns(clusterKey(id)), []);
  });

  test("opted out, without any sandbox step the cluster still works, and says so", async () => {
    const f = await deployFixture({
      nodeCount: 2,
      options: {
        disable: { cgroups: true, networkNamespace: true, bubblewrap: true },
        unsafeNoSandbox: true,
      },
    });
    try {
      const off = f.handle.sandbox.filter((s) => s.detail === "turned off by the caller");
      assert.equal(off.length, 6, "3 cgroups, the namespace, bubblewrap's two");
      const last = f.handle.sandbox.at(-1);
      assert.equal(last?.applied, false);
      assert.match(
        last?.detail ?? "",
        /^UNSAFE: opted out by LocalClusterOptions\.unsafeNoSandbox/,
      );
      assert.match(
        f.handle.unsafeNoSandbox ?? "",
        /^LocalClusterOptions\.unsafeNoSandbox; missing: /,
      );
      assert.equal((await f.clients[0]!.callPeer("node-1", "vote", 1)).reply?.code, OK);
      await f.control(0).setLinks([{ link: "node-1", partition: "refuse" }]);
      assert.equal(
        (await f.clients[0]!.callPeer("node-1", "vote", 2)).reply?.code,
        grpcStatus.UNAVAILABLE,
      );
    } finally {
      await f.close();
    }
  });
});
