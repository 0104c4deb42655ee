// The local cluster's pure parts: names, the port plan, uids, and bubblewrap's view.
import { test } from "vitest";
import assert from "node:assert/strict";
import { clusterKey } from "../../../shared/adapters/local/cluster/layout.ts";
import { nodeIds, planPorts } from "../../../shared/adapters/local/cluster/port-plan.ts";
import { bwrapArgs } from "../../../shared/adapters/local/cluster/bwrap-view.ts";
import { nodeUid } from "../../../shared/adapters/local/cluster/uids.ts";

test("a cluster key names the judge's pid, is safe for files and stays short", () => {
  const key = clusterKey("sub/../../etc 42", 1234);
  assert.match(key, /^cj-1234-[A-Za-z0-9_-]+-[0-9a-f]{8}$/);
  assert.notEqual(clusterKey("a b"), clusterKey("a_b"), "different ids, different keys");
  assert.ok(clusterKey("x".repeat(500)).length < 50);
});

test("inside its own namespace a node uses a fixed plan; outside, distinct free ports", async () => {
  const ids = nodeIds(3);
  const fixed = await planPorts(ids, true);
  assert.deepEqual(
    fixed.map((n) => [n.id, n.node, [...n.egress]]),
    [
      [
        "node-0",
        21000,
        [
          ["node-1", 22001],
          ["node-2", 22002],
        ],
      ],
      [
        "node-1",
        21001,
        [
          ["node-0", 22100],
          ["node-2", 22102],
        ],
      ],
      [
        "node-2",
        21002,
        [
          ["node-0", 22200],
          ["node-1", 22201],
        ],
      ],
    ],
  );
  const free = await planPorts(ids, false);
  const all = free.flatMap((n) => [n.node, ...n.egress.values()]);
  assert.equal(new Set(all).size, 3 * 3);
});

test("each node of a cluster has a uid of its own, far from the machine's users", () => {
  const key = clusterKey("uids", 1234);
  const uids = [0, 1, 2].map((i) => nodeUid(key, i));
  assert.equal(new Set(uids).size, 3);
  for (const uid of uids) assert.ok(uid >= 2_000_000_000 && uid < 2 ** 32 - 1, String(uid));
  assert.equal(nodeUid(key, 1), uids[0]! + 1);
});

test("bubblewrap's view: runtime, own passwd, bounded /tmp, code read-only, DATA_DIR, never /", () => {
  const args = bwrapArgs({
    nodeId: "node-0",
    dataDir: "/tmp/cj/c1/node-0/data",
    cwd: "/",
    argv: ["/usr/bin/python3", "/usr/lib/os-release", "--flag", "/"],
    passwd: "/tmp/cj/c1/node-0/passwd",
    group: "/tmp/cj/c1/node-0/group",
  });
  const joined = args.join(" ");
  for (const ns of ["pid", "ipc", "uts", "cgroup"]) assert.ok(args.includes(`--unshare-${ns}`));
  assert.ok(!args.includes("--unshare-net"), "the node keeps its agent's namespace");
  assert.match(joined, /--ro-bind \/usr \/usr/);
  assert.ok(!/--(ro-)?bind \/ \//.test(joined), "the machine's root is never bound");
  assert.ok(!/ \/(home|root|run|var|srv)\b/.test(joined), joined);
  assert.match(joined, /--ro-bind \/tmp\/cj\/c1\/node-0\/passwd \/etc\/passwd/);
  assert.match(joined, /--perms 1777 --size 67108864 --tmpfs \/tmp/);
  assert.match(
    joined,
    /--bind \/tmp\/cj\/c1\/node-0\/data \/tmp\/cj\/c1\/node-0\/data --chdir \/$/,
  );
  assert.ok(
    joined.indexOf("--tmpfs /tmp") < joined.indexOf("--dir /tmp/cj"),
    "DATA_DIR's folders are made inside the private /tmp, open to the node",
  );
});
