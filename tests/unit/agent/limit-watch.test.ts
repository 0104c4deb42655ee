// The agent's record of limits hit, read from cgroup v2 event files (a fake leaf: this
// machine has no v2 controllers; v1 runs for real in tests/hostile/sandbox/limits.test.ts).
import { afterAll, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { agentConfigSchema } from "../../../shared/agent/config.ts";
import { LimitWatch } from "../../../shared/agent/limit-watch.ts";
import { NodeLog } from "../../../shared/agent/node-log.ts";

const leaf = mkdtempSync(join(tmpdir(), "cj-fake-leaf-"));
afterAll(() => rmSync(leaf, { recursive: true, force: true }));

test("refused forks and an OOM kill become limit hits; the kill explains the exit", () => {
  writeFileSync(join(leaf, "memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 4\n");
  writeFileSync(join(leaf, "pids.events"), "max 7\n");
  const config = agentConfigSchema.parse({
    nodeId: "node-3",
    clusterSize: 5,
    node: { host: "127.0.0.1", port: 1 },
    peers: [],
    command: { argv: ["/bin/true"], cwd: "/" },
    dataDir: leaf,
    sandbox: {
      cgroupVersion: 2,
      memoryCgroupDir: leaf,
      memoryLimitBytes: 512 * 2 ** 20,
      pidsCgroupDir: leaf,
      pidsLimit: 512,
    },
  });
  const log = new NodeLog();
  const watch = new LimitWatch(config, log);
  watch.begin();
  watch.sample();
  assert.deepEqual(watch.all(), [], "counts from before this run are not its hits");
  writeFileSync(join(leaf, "pids.events"), "max 9\n");
  watch.sample();
  writeFileSync(join(leaf, "memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 5\n");
  const ended = watch.end();
  assert.deepEqual(
    watch.all().map((h) => [h.limit, h.bound, h.killed, h.message]),
    [
      ["pids", 512, false, "pids limit: node-3 was refused a process or thread beyond 512 tasks"],
      ["memory", 512 * 2 ** 20, true, "memory limit: node-3 was killed at 512 MiB"],
    ],
  );
  assert.equal(ended?.limit, "memory", "the kill, not the last hit, explains the end");
  assert.match(
    log
      .read(0)
      .items.map((l) => l.line)
      .join("\n"),
    /limit hit: pids limit: node-3/,
  );
  watch.begin();
  assert.equal(watch.end(), null, "a new run starts with no hit of its own");
  assert.equal(watch.all().length, 2, "the agent keeps every hit");
});
