// The reference's election logic over the simulated cluster (sim.ts), through every
// scenario's faults on many seeds: no check is ever violated and every required one holds.
// The reference's timers are the statement's (limits.ts).
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import { bullyChecks } from "../checks.ts";
import * as limits from "../limits.ts";
import { bullyElection } from "../problem.ts";
import { BullyNode } from "../reference/typescript/bully-node.ts";
import * as timing from "../reference/typescript/timing.ts";
import { simulate, type NodeFactory } from "./sim.ts";

const reference: NodeFactory = (id, peers, transport, timers) =>
  new BullyNode(id, peers, transport, timers);

test("the reference's timers are the statement's", () => {
  for (const [name, value] of Object.entries(timing))
    assert.equal(value, limits[name as keyof typeof limits], name);
});

for (const [name, plan] of Object.entries(bullyElection.plans)) {
  test(`${name}: no check fails on random schedules`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const run = simulate(plan(seed), reference, seed);
        for (const check of bullyChecks) {
          const result = check.run(run, { searchTimeoutMs: 1000 });
          assert.notEqual(result.status, "violated", `${check.name}: ${result.message}`);
          // The required ones have evidence in every scenario; takeover needs a restart of
          // the highest node, and the Elections of a start-up may all meet nodes not yet up.
          if (check.required)
            assert.equal(result.status, "holds", `${check.name}: ${result.message}`);
        }
      }),
      { numRuns: 40 },
    );
  });
}
