import { test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LimitHit } from "../../../shared/ports/cluster.ts";
import {
  exitCause,
  limitMessage,
  oomKills,
  pidsRefused,
  type ExitFacts,
} from "../../../shared/agent/exit-cause.ts";

const base: ExitFacts = {
  nodeId: "node-2",
  code: null,
  signal: "SIGKILL",
  killedByAgent: false,
  limit: null,
};
const hit = (limit: LimitHit["limit"], bound: number, killed: boolean): LimitHit => ({
  limit,
  bound,
  killed,
  atMs: 0,
  message: limitMessage("node-2", limit, bound),
});

test("each way a node ends has its own words", () => {
  const memory = hit("memory", 512 * 2 ** 20, true);
  assert.equal(exitCause({ ...base, limit: memory }), "memory limit: node-2 was killed at 512 MiB");
  assert.equal(
    exitCause({ ...base, signal: null, code: 137, limit: memory }),
    "memory limit: node-2 was killed at 512 MiB",
  );
  assert.equal(
    exitCause({ ...base, killedByAgent: true, limit: memory }),
    "node-2 was killed by the agent (SIGKILL)",
  );
  assert.equal(exitCause(base), "node-2 was killed by SIGKILL");
  assert.equal(exitCause({ ...base, signal: null, code: 139 }), "node-2 was killed by signal 11");
  assert.equal(exitCause({ ...base, signal: null, code: 3 }), "node-2 exited with code 3");
  assert.equal(
    exitCause({ ...base, signal: null, code: 1, limit: hit("pids", 512, false) }),
    "node-2 exited with code 1 (pids limit: node-2 was refused a process or thread beyond 512 tasks)",
  );
  assert.equal(
    exitCause({ ...base, signal: null, code: 1, limit: hit("disk", 256 * 2 ** 20, false) }),
    "node-2 exited with code 1 (disk limit: node-2 filled its DATA_DIR (256 MiB))",
  );
});

test("the counters are read from cgroup v1 and v2 event files", () => {
  const dir = mkdtempSync(join(tmpdir(), "cj-events-"));
  try {
    assert.equal(oomKills(undefined), null, "no memory cgroup: no verdict");
    assert.equal(oomKills(dir, 1), null, "no file: no verdict");
    writeFileSync(join(dir, "memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
    assert.equal(oomKills(dir, 1), 3);
    writeFileSync(join(dir, "memory.events"), "low 0\nhigh 0\nmax 17\noom 2\noom_kill 2\n");
    assert.equal(oomKills(dir, 2), 2);
    writeFileSync(join(dir, "pids.events"), "max 41\n");
    assert.equal(pidsRefused(dir), 41);
    assert.equal(pidsRefused(undefined), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
