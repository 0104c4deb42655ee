// Lease owners are tokens, not pids: two queues of one process are two owners, and a pid the
// machine gave to another process no longer holds what the first one leased.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "vitest";
import {
  leaseOwner,
  ownerIsGone,
  processStart,
} from "../../../shared/adapters/local/queue/lease-owner.ts";

test("every owner is new, and this process's owners are never gone", () => {
  const [a, b] = [leaseOwner(), leaseOwner()];
  assert.notEqual(a, b);
  assert.match(a, new RegExp(`^pid:${process.pid}:\\d+:[0-9a-f]{12}$`));
  assert.equal(ownerIsGone(a), false);
  assert.equal(ownerIsGone(b), false);
});

test("a live pid with another start time is a reused pid: its lease is gone", async () => {
  const child = spawn("sleep", ["30"], { stdio: "ignore" });
  try {
    const pid = child.pid ?? 0;
    const start = processStart(pid);
    assert.ok(start !== null && start > 0, "the child's start time");
    assert.equal(ownerIsGone(`pid:${pid}:${start}:abcdef012345`), false);
    assert.equal(ownerIsGone(`pid:${pid}:${start - 1}:abcdef012345`), true);
    // Written before tokens: the pid alone, which runs.
    assert.equal(ownerIsGone(`pid:${pid}`), false);
  } finally {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
  const pid = child.pid ?? 0;
  assert.equal(ownerIsGone(`pid:${pid}:1:abcdef012345`), true);
  assert.equal(ownerIsGone(`pid:${pid}`), true);
});

test("an owner that names no process of this machine is never taken for gone", () => {
  for (const owner of [null, "", "host:x", "pid:", "pid:12:x:y"]) {
    assert.equal(ownerIsGone(owner), false, String(owner));
  }
});
