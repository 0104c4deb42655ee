// The local cluster's pure parts: names, the port plan, and bubblewrap's mounts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { clusterKey } from "../../../shared/adapters/local/cluster/layout.ts";
import { nodeIds, planPorts } from "../../../shared/adapters/local/cluster/port-plan.ts";
import { bwrapArgs } from "../../../shared/adapters/local/cluster/sandbox.ts";

test("a cluster key names the judge's pid, is safe for files and stays short", () => {
  const key = clusterKey("sub/../../etc 42", 1234);
  assert.match(key, /^cj-1234-[A-Za-z0-9_-]+-[0-9a-f]{8}$/);
  assert.notEqual(clusterKey("a b"), clusterKey("a_b"), "different ids, different keys");
  assert.ok(clusterKey("x".repeat(500)).length < 50);
});

test("inside its own namespace a cluster uses a fixed plan; outside, distinct free ports", async () => {
  const ids = nodeIds(3);
  const fixed = await planPorts(ids, true);
  assert.deepEqual(
    fixed.map((n) => [n.id, n.ingress, n.node, [...n.egress]]),
    [
      [
        "node-0",
        20000,
        21000,
        [
          ["node-1", 22001],
          ["node-2", 22002],
        ],
      ],
      [
        "node-1",
        20001,
        21001,
        [
          ["node-0", 22100],
          ["node-2", 22102],
        ],
      ],
      [
        "node-2",
        20002,
        21002,
        [
          ["node-0", 22200],
          ["node-1", 22201],
        ],
      ],
    ],
  );
  const free = await planPorts(ids, false);
  const all = free.flatMap((n) => [n.ingress, n.node, ...n.egress.values()]);
  assert.equal(new Set(all).size, 3 * 4);
});

test("bubblewrap: read-only root, /tmp and the cluster hidden, code and DATA_DIR bound back", () => {
  const args = bwrapArgs({
    dataDir: "/tmp/cj/c1/node-0/data",
    cwd: "/tmp/builds/sub1",
    argv: ["/usr/bin/python3", "/tmp/builds/sub1/main.py", "--flag"],
    clusterDir: "/tmp/cj/c1",
  });
  const joined = args.join(" ");
  assert.match(joined, /--ro-bind \/ \/ --dev \/dev --tmpfs \/tmp/);
  assert.ok(!joined.includes("--tmpfs /tmp/cj/c1"), "already hidden under /tmp");
  assert.match(joined, /--ro-bind \/tmp\/builds\/sub1 \/tmp\/builds\/sub1/);
  assert.ok(
    args.at(-3) === "--bind" && args.at(-1) === "/tmp/cj/c1/node-0/data",
    "DATA_DIR last, writable",
  );
});
