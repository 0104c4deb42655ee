// cgroup v2. This machine's v2 hierarchy has no memory, cpu or pids controller (they are
// bound to v1), so the limits are written to a fake tree of plain files laid out as the
// kernel's; membership, cgroup.kill and removal run on the real v2 mount, whose missing
// controllers must fail every step closed.
import { afterAll, test } from "vitest";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CgroupTree } from "../../../shared/adapters/local/cluster/cgroups.ts";
import {
  failedClosedMessage,
  missingSteps,
} from "../../../shared/adapters/local/cluster/sandbox-steps.ts";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fake v2 root: cgroup.controllers lists what the "kernel" offers. */
function fakeRoot(controllers: string): string {
  const root = mkdtempSync(join(tmpdir(), "cj-fake-cgroup2-"));
  made.push(root);
  writeFileSync(join(root, "cgroup.controllers"), controllers);
  writeFileSync(join(root, "cgroup.subtree_control"), "");
  return root;
}

const read = (path: string) => readFileSync(path, "utf8");

test("v2 limits for nodes and agents, controllers delegated down the path", () => {
  const root = fakeRoot("cpuset cpu io memory hugetlb pids rdma misc\n");
  // The kernel makes these when swap accounting and the OOM group exist: made here for
  // node-0 only, so the tree must write them where they exist and leave them elsewhere.
  const leaf0 = join(root, "clusterjudge", "cj-1-a-00000000", "node-0");
  mkdirSync(leaf0, { recursive: true });
  writeFileSync(join(leaf0, "memory.swap.max"), "max");
  writeFileSync(join(leaf0, "memory.oom.group"), "0");

  const tree = new CgroupTree(root);
  assert.equal(tree.version, 2);
  const made = tree.make("cj-1-a-00000000", ["node-0", "node-1"]);
  assert.deepEqual(
    made.steps.map((s) => [s.step.split(" ")[0], s.applied]),
    [
      ["memory", true],
      ["cpu", true],
      ["pids", true],
    ],
  );
  const cluster = join(root, "clusterjudge", "cj-1-a-00000000");
  for (const level of [root, join(root, "clusterjudge"), cluster]) {
    assert.equal(read(join(level, "cgroup.subtree_control")), "+memory +cpu +pids", level);
  }
  assert.equal(read(join(leaf0, "memory.max")), String(512 * 2 ** 20));
  assert.equal(read(join(leaf0, "memory.swap.max")), "0");
  assert.equal(read(join(leaf0, "memory.oom.group")), "1");
  assert.equal(read(join(leaf0, "cpu.max")), "100000 100000");
  assert.equal(read(join(leaf0, "pids.max")), "512");
  assert.equal(existsSync(join(cluster, "node-1", "memory.swap.max")), false);
  const agent = join(cluster, "agent-node-0");
  assert.equal(read(join(agent, "memory.max")), String(1024 * 2 ** 20));
  assert.equal(read(join(agent, "cpu.max")), "100000 100000");
  assert.equal(read(join(agent, "pids.max")), "256");
  assert.deepEqual(made.nodes.get("node-0"), {
    procsFiles: [join(leaf0, "cgroup.procs")],
    memoryDir: leaf0,
    pidsDir: leaf0,
  });
  assert.deepEqual(made.agents.get("node-1")?.procsFiles, [
    join(cluster, "agent-node-1", "cgroup.procs"),
  ]);
  assert.deepEqual(tree.keys(), ["cj-1-a-00000000"]);
});

test("a controller the v2 root lacks fails its step, and the deploy closed", () => {
  const tree = new CgroupTree(fakeRoot("cpu memory\n"));
  const made = tree.make("cj-1-b-00000000", ["node-0"]);
  const missing = missingSteps(made.steps);
  assert.equal(missing.length, 1);
  assert.match(
    missing[0]?.detail ?? "",
    /has no pids controller \(cgroup\.controllers: cpu memory\)/,
  );
  assert.match(
    failedClosedMessage(missing),
    /^sandbox step not applied, deploy refused: pids cgroup 512 tasks/,
  );
});

test("a delegation the kernel refuses fails the step with the kernel's reason", () => {
  const root = fakeRoot("cpu memory pids\n");
  rmSync(join(root, "cgroup.subtree_control"));
  mkdirSync(join(root, "cgroup.subtree_control")); // writing it now fails (EISDIR)
  const steps = new CgroupTree(root).make("cj-1-c-00000000", ["node-0"]).steps;
  for (const step of steps) {
    assert.equal(step.applied, false);
    assert.match(step.detail, /cannot enable \w+ in .*cgroup\.subtree_control: EISDIR/);
  }
});

const REAL_V2 = "/sys/fs/cgroup/unified";
const realV2 = (() => {
  try {
    return statfsSync(REAL_V2).type === 0x63677270; // CGROUP2_SUPER_MAGIC
  } catch {
    return false;
  }
})();

test("on the real v2 mount: no controller, every step closed; membership, kill, removal work", async (t) => {
  if (!realV2) return t.skip(`no cgroup2 file system at ${REAL_V2}`);
  const tree = new CgroupTree(REAL_V2);
  const key = `cj-${process.pid}-v2test-00000000`;
  const made = tree.make(key, ["node-0"]);
  try {
    const offered = read(join(REAL_V2, "cgroup.controllers")).trim();
    for (const controller of ["memory", "cpu", "pids"]) {
      if (offered.split(" ").includes(controller)) return t.skip(`${controller} is offered here`);
    }
    assert.equal(missingSteps(made.steps).length, 3);
    for (const step of made.steps) assert.match(step.detail, /has no \w+ controller/);
    // A process joins its leaf from a shell before it execs, as a node does.
    const procs = made.nodes.get("node-0")?.procsFiles[0] as string;
    const child = spawn("/bin/sh", ["-c", `echo $$ > '${procs}' && exec sleep 60`]);
    const exited = new Promise((r) => child.once("exit", r));
    for (let i = 0; i < 100 && !read(procs).trim(); i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(read(procs).trim(), String(child.pid));
    assert.match(
      read(`/proc/${child.pid}/cgroup`),
      new RegExp(`^0::/clusterjudge/${key}/node-0$`, "m"),
    );
    tree.killProcesses(key); // cgroup.kill
    await exited;
    assert.equal(child.signalCode, "SIGKILL");
    for (let i = 0; i < 100 && tree.remove(key).length > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(existsSync(join(REAL_V2, "clusterjudge", key)), false);
  } finally {
    tree.killProcesses(key);
    tree.remove(key);
  }
});
