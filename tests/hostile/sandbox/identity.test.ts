// A node is nobody: no root, no capabilities, no_new_privs, a seccomp filter, its own pids,
// exactly the node contract's environment, and a view of the file system that holds the
// runtime, its code and its DATA_DIR, and none of the judge's or the machine's secrets.
import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultRootDir, clusterKey } from "../../../shared/adapters/local/cluster/layout.ts";
import { deployHostile, type HostileRun } from "./hostile.ts";

describe("identity: who the node is", () => {
  let run: HostileRun;
  beforeAll(async () => {
    run = await deployHostile("identity");
  });
  afterAll(async () => run?.close());

  test("no capability in any set, no_new_privs, seccomp filtering", async () => {
    for (const set of ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"]) {
      assert.equal(await run.finding(set), "0000000000000000", set);
    }
    assert.equal(await run.finding("NoNewPrivs"), "1");
    assert.equal(await run.finding("Seccomp"), "2", "mode 2: a filter");
  });

  test("a uid and gid that are not root and not the judge's, no groups", async () => {
    const [uid] = String(await run.finding("Uid"))
      .split(/\s+/)
      .map(Number);
    const [gid] = String(await run.finding("Gid"))
      .split(/\s+/)
      .map(Number);
    assert.ok(uid !== undefined && uid >= 2_000_000_000, `uid ${uid}`);
    assert.notEqual(uid, process.getuid?.());
    assert.equal(gid, uid);
    assert.equal(await run.finding("Groups"), "");
  });

  test("it sees only its own pids: bwrap's init and itself", async () => {
    assert.deepEqual(await run.finding("pids"), [1, 2]);
  });

  test("its environment is exactly the node contract's plus PATH, HOME, LANG", async () => {
    assert.deepEqual(await run.finding("env"), [
      "CLUSTER_SIZE",
      "DATA_DIR",
      "HOME",
      "LANG",
      "LISTEN_ADDR",
      "NODE_ID",
      "PATH",
      "PEERS",
    ]);
  });

  test("its root holds the runtime and /tmp, nothing of the machine's own", async () => {
    const root = (await run.finding("root")) as string[];
    for (const hidden of ["home", "root", "run", "var", "srv", "opt", "sys", "boot", "mnt"]) {
      assert.ok(!root.includes(hidden), `/${hidden} in ${root.join(" ")}`);
    }
    assert.ok(root.includes("usr") && root.includes("tmp") && root.includes("proc"));
    const etc = (await run.finding("etc")) as string[];
    assert.ok(!etc.includes("shadow") && !etc.includes("gshadow") && etc.includes("passwd"));
    assert.equal(await run.finding("hostname"), "node-0");
  });
});

describe("secrets: what the node must not read", () => {
  let run: HostileRun;
  beforeAll(async () => {
    run = await deployHostile("secrets", { nodeCount: 2 });
  });
  afterAll(async () => run?.close());

  test("the machine's secrets, the judge's runs and database, other nodes' files", async () => {
    const cluster = join(defaultRootDir(), clusterKey(run.handle.clusterId));
    const runs = join(run.home, ".clusterjudge", "runs");
    const targets = [
      join(run.home, ".clusterjudge", "judge.db"),
      join(runs, "other-run"),
      join(runs, "other-run", "source", "main.py"),
      join(cluster, "node-1", "data"),
      join(cluster, "node-0", "agent.json"),
      join(cluster, "node-0", "agent.sock"),
      join(cluster, "node-1", "from-node-0.sock"),
    ];
    writeFileSync(join(run.code, "targets.json"), JSON.stringify([...targets, runs]));
    run.go();
    await run.finding("done");
    const found = await run.findings();
    for (const path of [
      "/etc/shadow",
      "/etc/gshadow",
      "/root",
      "/home",
      "/run",
      "/var",
      "/sys",
      ...targets,
    ]) {
      assert.equal(found.find((f) => f.check === `read ${path}`)?.result, "ENOENT", path);
    }
    // The folders above its code are there, holding only the way to its own build.
    assert.deepEqual(found.find((f) => f.check === `list ${runs}`)?.result, ["run-secrets"]);
    // pid 1 is bubblewrap's init, root's: its environment and root are not the node's to read.
    for (const path of ["/proc/1/environ", "/proc/1/root/etc"]) {
      assert.equal(found.find((f) => f.check === `read ${path}`)?.result, "EACCES", path);
    }
  });
});

describe("escape: the ways out a capability or namespace would give", () => {
  let run: HostileRun;
  beforeAll(async () => {
    run = await deployHostile("escape", { args: (code) => [code] });
  });
  afterAll(async () => run?.close());

  test("setns, unshare, clone into new namespaces, mount, chroot, ptrace: refused", async () => {
    await run.finding("done");
    const found = new Map((await run.findings()).map((f) => [f.check, f.result]));
    for (const check of [
      "setns",
      "unshare user",
      "unshare net",
      "unshare mount",
      "clone newuser",
      "mount tmpfs",
      "remount code rw",
      "chroot",
      "setuid 0",
      "ptrace pid 1",
      "bpf",
      "keyctl",
      "perf_event_open",
      "init_module",
      "kexec_load",
      "reboot",
      "mknod",
    ]) {
      assert.equal(found.get(check), "EPERM", check);
    }
    assert.equal(found.get("write code"), "EROFS");
    assert.equal(found.get("write /usr"), "EROFS");
  });
});
