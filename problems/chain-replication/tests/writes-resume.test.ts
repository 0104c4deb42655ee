// Writes resume within 5 s of a configuration every member answered (checks/writes-resume.ts).
import assert from "node:assert/strict";
import { test } from "vitest";
import type { KvOp } from "../../../harness/leader-kv/history.ts";
import { chainsReady, checkWritesResumeAfterConfigure } from "../checks/writes-resume.ts";
import type { ChainConfig } from "../checks/configuration.ts";

const config = (
  epoch: number,
  chain: string[],
  answeredMs: Record<string, number>,
): ChainConfig => ({
  epoch,
  chain,
  sentMs: 0,
  answeredMs,
});
const write = (startMs: number, okAtMs: number | null): KvOp => ({
  id: startMs,
  client: "c",
  sequence: 1,
  f: "put",
  key: "k",
  value: "v",
  outcome: okAtMs === null ? "info" : "ok",
  startMs,
  endMs: okAtMs,
  attempts: [
    {
      node: "node-0",
      startMs,
      endMs: okAtMs ?? startMs + 2000,
      result: okAtMs === null ? "deadline" : "ok",
    },
  ],
});

test("a configuration counts from its last member's answer, and only once all answered", () => {
  const ready = chainsReady([
    config(1, ["node-0", "node-1"], { "node-0": 100, "node-1": 250 }),
    config(2, ["node-1"], {}),
  ]);
  assert.deepEqual(
    ready.map((r) => r.atMs),
    [250],
  );
});

test("no write served within 5 s of a ready chain while clients kept trying is a violation", () => {
  const configs = [config(1, ["node-0"], { "node-0": 1000 })];
  const run = { faults: [], endMs: 20_000, originMs: 0, configs };
  const late = checkWritesResumeAfterConfigure({ ...run, history: [write(1500, 7000)] });
  assert.equal(late.status, "violated");
  const served = checkWritesResumeAfterConfigure({ ...run, history: [write(1500, 2000)] });
  assert.equal(served.status, "holds");
  const disturbed = checkWritesResumeAfterConfigure({
    ...run,
    faults: [{ startMs: 3000, endMs: 4000, description: "killed node-0" }],
    history: [write(1500, 7000)],
  });
  assert.equal(disturbed.status, "inconclusive");
});
