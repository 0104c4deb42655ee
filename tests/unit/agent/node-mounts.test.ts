// A node's own /tmp filled is a limit hit, named: a real bubblewrap view (a private tmpfs
// /tmp of 1 MiB in the process's own mount namespace) filled by its process, seen by the
// agent's limit watch through /proc, and still seen at the exit's last look.
import { afterAll, test } from "vitest";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runtimeArgs } from "../../../shared/adapters/local/cluster/bwrap-view.ts";
import { agentConfigSchema } from "../../../shared/agent/config.ts";
import { LimitWatch } from "../../../shared/agent/limit-watch.ts";
import { NodeLog } from "../../../shared/agent/node-log.ts";

const data = mkdtempSync(join(tmpdir(), "cj-node-mounts-"));
afterAll(() => rmSync(data, { recursive: true, force: true }));

const TMP_BYTES = 2 ** 20;

/** A process in a view of its own whose /tmp is a tmpfs of TMP_BYTES: runs `script`. */
function inView(script: string) {
  return spawn(
    "bwrap",
    [
      "--die-with-parent",
      "--unshare-pid",
      ...runtimeArgs(),
      "--proc",
      "/proc",
      "--dev",
      "/dev",
      "--size",
      String(TMP_BYTES),
      "--tmpfs",
      "/tmp",
      "--",
      "/bin/sh",
      "-c",
      script,
    ],
    { detached: true, stdio: "ignore" },
  );
}

function watch() {
  const config = agentConfigSchema.parse({
    nodeId: "node-3",
    clusterSize: 5,
    node: { host: "127.0.0.1", port: 1 },
    peers: [],
    command: { argv: ["/bin/true"], cwd: "/" },
    dataDir: data,
  });
  return new LimitWatch(config, new NodeLog());
}

async function until(done: () => boolean): Promise<void> {
  for (const end = Date.now() + 10_000; !done();) {
    assert.ok(Date.now() < end, "timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("a node that fills its /tmp hits its disk limit, once a run", async () => {
  const w = watch();
  w.begin();
  const node = inView("head -c 2000000 /dev/zero > /tmp/filler; exec sleep 30");
  w.follow(node.pid!);
  await until(() => (w.sample(), w.all().length > 0));
  w.sample();
  assert.deepEqual(
    w.all().map((h) => [h.limit, h.bound, h.killed, h.message]),
    [["disk", TMP_BYTES, false, "disk limit: node-3 filled its /tmp (1 MiB)"]],
  );
  process.kill(-node.pid!, "SIGKILL");
  await once(node, "exit");
  assert.equal(w.end()?.message, "disk limit: node-3 filled its /tmp (1 MiB)");
});

test("a /tmp filled just before the node exits is seen at the exit's last look", async () => {
  const w = watch();
  w.begin();
  const node = inView("sleep 1.5; head -c 2000000 /dev/zero > /tmp/filler; exit 1");
  w.follow(node.pid!);
  // The view is found while the node sleeps; its fill and its exit come within a few ms,
  // most likely between two of the watch's looks (every 250 ms).
  for (const end = Date.now() + 800; Date.now() < end;) {
    w.sample();
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.deepEqual(w.all(), []);
  await once(node, "exit");
  assert.equal(w.end()?.message, "disk limit: node-3 filled its /tmp (1 MiB)");
});

test("a process with no view of its own has no /tmp of its own to fill", async () => {
  const w = watch();
  w.begin();
  const node = spawn("/bin/sh", ["-c", "exec sleep 30"], { detached: true, stdio: "ignore" });
  w.follow(node.pid!);
  for (let i = 0; i < 50; i++) w.sample();
  assert.deepEqual(w.all(), []);
  process.kill(-node.pid!, "SIGKILL");
  await once(node, "exit");
  assert.equal(w.end(), null);
});
