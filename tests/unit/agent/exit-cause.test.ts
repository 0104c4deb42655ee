import { test } from "node:test";
import assert from "node:assert/strict";
import { exitCause, type ExitFacts } from "../../../shared/agent/exit-cause.ts";

const base: ExitFacts = {
  nodeId: "node-2",
  code: null,
  signal: "SIGKILL",
  killedByAgent: false,
  oomKillsBefore: 0,
  oomKillsAfter: 0,
  memoryLimitBytes: 512 * 2 ** 20,
};

test("each way a node ends has its own words", () => {
  assert.equal(exitCause({ ...base, oomKillsAfter: 1 }), "node-2 exceeded 512 MiB");
  assert.equal(
    exitCause({ ...base, signal: null, code: 137, oomKillsAfter: 1 }),
    "node-2 exceeded 512 MiB",
  );
  assert.equal(
    exitCause({ ...base, killedByAgent: true }),
    "node-2 was killed by the agent (SIGKILL)",
  );
  assert.equal(exitCause(base), "node-2 was killed by SIGKILL");
  assert.equal(exitCause({ ...base, signal: null, code: 139 }), "node-2 was killed by signal 11");
  assert.equal(exitCause({ ...base, signal: null, code: 3 }), "node-2 exited with code 3");
  assert.equal(
    exitCause({ ...base, oomKillsBefore: null, oomKillsAfter: null }),
    "node-2 was killed by SIGKILL",
    "no memory cgroup: no memory verdict",
  );
});
