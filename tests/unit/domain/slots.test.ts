// Who gets the next slot: each user's submissions in their order, users taking turns by
// load; and K from the machine or CLUSTERJUDGE_CLUSTERS.
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import {
  SLOT_LIMITS,
  fairOrder,
  machineSlots,
  type Served,
  type Waiting,
} from "../../../shared/domain/slots.ts";
import { SLOTS_ENV, slotsFromEnv } from "../../../shared/pipeline/slots-config.ts";

const GIB = 2 ** 30;

const waitingArb = fc
  .uniqueArray(fc.record({ owner: fc.constantFrom("a", "b", "c", "d"), createdAt: fc.nat(50) }), {
    maxLength: 12,
  })
  .map((ws) => ws.map((w, i): Waiting => ({ ...w, id: `s${String(i).padStart(2, "0")}` })));
const servedArb = fc.array(
  fc.record({
    owner: fc.constantFrom("a", "b", "c", "d"),
    running: fc.boolean(),
    admittedAt: fc.nat(60),
  }),
  { maxLength: 8 },
);

/** Each owner's load as fairOrder defines it, before any pick. */
function loads(waiting: Waiting[], served: Served[]): Map<string, number> {
  const since = Math.min(...waiting.map((w) => w.createdAt));
  const load = new Map<string, number>();
  for (const s of served) {
    if (s.running || s.admittedAt >= since) load.set(s.owner, (load.get(s.owner) ?? 0) + 1);
  }
  return load;
}

test("the order holds every waiting submission once, each user's in the order they came", () => {
  fc.assert(
    fc.property(waitingArb, servedArb, (waiting, served) => {
      const order = fairOrder(waiting, served);
      assert.deepEqual([...order].sort(), waiting.map((w) => w.id).sort());
      const at = new Map(waiting.map((w) => [w.id, w]));
      for (const owner of ["a", "b", "c", "d"]) {
        const theirs = order.map((id) => at.get(id)!).filter((w) => w.owner === owner);
        const sorted = [...theirs].sort(
          (x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1),
        );
        assert.deepEqual(theirs, sorted, `${owner}'s submissions keep their order`);
      }
    }),
    { numRuns: 500 },
  );
});

test("each pick goes to a user with the least load: nobody waits behind another's backlog", () => {
  fc.assert(
    fc.property(waitingArb, servedArb, (waiting, served) => {
      if (waiting.length === 0) return;
      const order = fairOrder(waiting, served);
      const load = loads(waiting, served);
      const left = new Map<string, number>();
      for (const w of waiting) left.set(w.owner, (left.get(w.owner) ?? 0) + 1);
      for (const id of order) {
        const owner = waiting.find((w) => w.id === id)!.owner;
        const least = Math.min(...[...left.keys()].map((o) => load.get(o) ?? 0));
        assert.equal(load.get(owner) ?? 0, least, `${id} of ${owner} went before a lighter user`);
        load.set(owner, (load.get(owner) ?? 0) + 1);
        const n = left.get(owner)! - 1;
        if (n === 0) left.delete(owner);
        else left.set(owner, n);
      }
    }),
    { numRuns: 500 },
  );
});

test("fifty from one user and one from another: the other goes second, not fifty-first", () => {
  const many = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, owner: "a", createdAt: i }));
  const late = { id: "b0", owner: "b", createdAt: 100 };
  assert.deepEqual(fairOrder([...many, late], []).slice(0, 3), ["a0", "b0", "a1"]);
  // The user who was just served waits for the other, though their submission is older.
  const served = [{ owner: "a", running: false, admittedAt: 60 }];
  assert.deepEqual(fairOrder([{ ...many[1]!, createdAt: 50 }, late], served), ["b0", "a1"]);
  // Equal loads: the one who came first.
  assert.deepEqual(fairOrder([late, many[0]!], []), ["a0", "b0"]);
  assert.deepEqual(fairOrder([], served), []);
});

test("K is one per core as far as memory holds 3 GiB a slot, at least one", () => {
  assert.equal(machineSlots(2, 24 * GIB).slots, 2);
  assert.equal(machineSlots(16, 8 * GIB).slots, 2, "memory bounds it");
  assert.equal(machineSlots(1, 1 * GIB).slots, 1, "never none");
  assert.equal(machineSlots(512, 4096 * GIB).slots, SLOT_LIMITS.slotsMax);
  assert.match(machineSlots(2, 24 * GIB).why, /2 cores and 24\.0 GiB/);
});

test(`${SLOTS_ENV} overrides K; a bad value is refused with what is allowed`, () => {
  assert.deepEqual(slotsFromEnv({ [SLOTS_ENV]: "3" }), { slots: 3, why: `${SLOTS_ENV}=3` });
  assert.ok(slotsFromEnv({}).slots >= 1);
  for (const bad of ["0", "-1", "2.5", "many", "65"]) {
    assert.throws(() => slotsFromEnv({ [SLOTS_ENV]: bad }), /a whole number from 1 to 64/, bad);
  }
});
