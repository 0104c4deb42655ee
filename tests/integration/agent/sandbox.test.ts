// The local cluster's sandbox and lifecycle: what a node can reach and write, a memory hog
// stopped and named, a Python node, deploy failures that show the node's log, a teardown
// that leaves nothing, and the fallback without any sandbox step.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createServer, type AddressInfo, type Server } from "node:net";
import { status as grpcStatus } from "@grpc/grpc-js";
import type { SandboxStep } from "../../../shared/ports/cluster.ts";
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";
import { ClusterDeployError } from "../../../shared/adapters/local/cluster/errors.ts";
import { defaultRootDir } from "../../../shared/adapters/local/cluster/layout.ts";
import { pythonNodeCommand } from "../../support/test-node/command.ts";
import { TestNodeClient } from "../../support/test-node/client.ts";
import { deployFixture, groupMembers, waitState, type Fixture } from "./fixture.ts";

const { OK } = grpcStatus;

function applied(sandbox: SandboxStep[], word: string): boolean {
  return sandbox.some((s) => s.step.includes(word) && s.applied);
}

/** Whether the process, or any process of its group, still lives. */
function alive(pid: number): boolean {
  return groupMembers(pid).length > 0;
}

describe("the sandboxed cluster", () => {
  let f: Fixture;
  let outside: Server;
  before(async () => {
    f = await deployFixture({ nodeCount: 2 });
    outside = createServer((s) => s.destroy());
    await new Promise<void>((r) => outside.listen(0, "127.0.0.1", () => r()));
  });
  after(async () => {
    outside?.close();
    await f?.close();
  });

  test("every step is reported, applied or with its reason", () => {
    for (const s of f.handle.sandbox) {
      assert.equal(typeof s.applied, "boolean");
      assert.ok(s.detail.length > 0, `${s.step} says how or why not`);
    }
    const names = f.handle.sandbox.map((s) => s.step).join(" | ");
    for (const word of ["memory", "cpu", "pids", "network namespace", "bubblewrap", "faketime"]) {
      assert.ok(names.includes(word), `${word} in ${names}`);
    }
  });

  test("a node reaches nothing outside its cluster's namespace", async (t) => {
    if (!applied(f.handle.sandbox, "network namespace")) return t.skip("no network namespace here");
    const port = (outside.address() as AddressInfo).port;
    const probe = await f.clients[0]!.probe(`127.0.0.1:${port}`, "");
    assert.equal(probe.code, OK);
    assert.notEqual(probe.reply?.connect_result, "connected");
  });

  test("a node writes only its DATA_DIR", async (t) => {
    if (!applied(f.handle.sandbox, "bubblewrap")) return t.skip("no bubblewrap here");
    // A host folder outside every temporary folder (the node gets a private, empty /tmp;
    // the checkout itself may live under /tmp): the read-only root must refuse the write.
    const target = `${resolve(tmpdir()).startsWith("/var/tmp") ? "/srv" : "/var/tmp"}/escaped-by-a-node-${process.pid}`;
    const probe = await f.clients[0]!.probe("", target);
    const escaped = existsSync(target);
    if (escaped) rmSync(target, { force: true });
    assert.equal(probe.reply?.write_result, "EROFS");
    assert.equal(escaped, false);
    assert.equal((await f.clients[0]!.writeFile("ok", "1")).code, OK);
  });

  test("a node runs inside its own cgroups", async (t) => {
    if (!applied(f.handle.sandbox, "memory cgroup")) return t.skip("no memory cgroup here");
    const cgroups = (await f.clients[1]!.probe("", "")).reply?.cgroups ?? "";
    for (const controller of ["memory", "cpu", "pids"]) {
      if (!applied(f.handle.sandbox, `${controller} cgroup`)) continue;
      assert.match(
        cgroups,
        new RegExp(`[:,]${controller}(,[^:]*)?:/clusterjudge/cj-\\d+-[^/]+/node-1$`, "m"),
      );
    }
  });

  test("a memory hog is killed and named", async (t) => {
    if (!applied(f.handle.sandbox, "memory cgroup")) return t.skip("no memory cgroup here");
    const hog = await f.clients[1]!.hog(700, { deadlineMs: 30_000 });
    assert.notEqual(hog.code, OK);
    await waitState(f.control(1), "exited");
    const status = await f.control(1).status();
    assert.equal(status.lastExit?.cause, "node-1 exceeded 512 MiB");
    const log = (await f.control(1).logs()).items.map((l) => l.line).join("\n");
    assert.match(log, /exited: node-1 exceeded 512 MiB/);
  });
});

describe("cluster lifecycle", () => {
  const cluster = new LocalCluster();
  after(async () => cluster.teardownAll());

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
        readyTimeoutMs: 1_000,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(err instanceof ClusterDeployError, String(err));
    assert.match(err.message, /node-0 was not ready \(state starting\) 1 s after start/);
    assert.match(err.log, /thinking/);
  });

  test("teardown leaves no process, folder, namespace or cgroup", async () => {
    const f = await deployFixture({ nodeCount: 2 });
    const pids = await Promise.all(f.handle.nodes.map(async (n) => (await n.control.status()).pid));
    const key = /cj-\d+-[^/]+/.exec(f.handle.sandbox.find((s) => s.applied)?.detail ?? "")?.[0];
    await f.close();
    for (const pid of pids) assert.equal(alive(pid as number), false, `node pid ${pid} is gone`);
    assert.ok(key, "some step applied names the cluster's key");
    assert.equal(existsSync(join(defaultRootDir(), key)), false);
    if (key) {
      assert.equal(existsSync(`/run/netns/${key}`), false);
      assert.equal(existsSync(`/sys/fs/cgroup/memory/clusterjudge/${key}`), false);
    }
    await f.cluster.teardownAll(); // safe to repeat
  });

  test("without any sandbox step the cluster still works, on free loopback ports", async () => {
    const f = await deployFixture({
      nodeCount: 2,
      options: { disable: { cgroups: true, networkNamespace: true, bubblewrap: true } },
    });
    try {
      const off = f.handle.sandbox.filter((s) => s.detail === "turned off by the caller");
      assert.equal(off.length, 3);
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
