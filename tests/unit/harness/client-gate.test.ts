// A held gate lets no client start an operation until it is released (or the workload's
// end comes), and tells when the operations in flight have ended (harness/client-gate.ts).
import assert from "node:assert/strict";
import { test } from "vitest";
import { ClientGate } from "../../../harness/client-gate.ts";
import { nowMs } from "../../../harness/clock.ts";

test("an open gate lets a client in at once, and settles when it leaves", async () => {
  const gate = new ClientGate();
  const leave = await gate.enter(Infinity);
  assert.equal(await gate.settled(0), false);
  leave();
  leave(); // twice is once
  assert.equal(await gate.settled(0), true);
});

test("a held gate keeps clients out until released", async () => {
  const gate = new ClientGate();
  gate.hold();
  let entered = false;
  const entering = gate.enter(Infinity).then((leave) => {
    entered = true;
    return leave;
  });
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(entered, false);
  gate.release();
  (await entering)();
  assert.equal(entered, true);
});

test("a held gate lets clients through once the workload's end has come", async () => {
  const gate = new ClientGate();
  gate.hold();
  const leave = await gate.enter(nowMs() + 30);
  leave();
  assert.equal(await gate.settled(0), true);
});
