// The reference node's logic, five of them in-process over the simulated network
// (harness/sharded-kv/simulation.ts): random memberships and faults (crashes, pauses, cut
// links, lossy links), and the checks that read views and client operations hold on every one.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, test } from "vitest";
import { materializeMutant } from "../../../harness/mutants.ts";
import type { Check } from "../../../harness/problem.ts";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import { SIM_NODES, simulate, type PeerCalls, type SimSchedule } from "../../../harness/sharded-kv/simulation.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { ringChecks } from "../checks.ts";
import { ShardNode } from "../reference/typescript/shard-node.ts";
import type { ShardState } from "../reference/typescript/state-file.ts";
import { VNODES } from "../reference/typescript/owner.ts";
import { mutants } from "../mutants.ts";

const KEYS = ["k0", "k1", "k2", "k3", "k4", "k5"];
const PROBES = Array.from({ length: 60 }, (_, i) => `probe-${i}`);
/** Every check but the statistical ones: 60 probe keys are no sample. */
const CHECKED = ringChecks.filter((c) => c.name !== "moves" && c.name !== "balance");

type NodeClass = typeof ShardNode;

const nodeOf = (Node: NodeClass) => (id: string, saved: { state?: unknown }, peers: PeerCalls) => {
  const store = {
    load: (): ShardState =>
      saved.state ? structuredClone(saved.state as ShardState) : { epoch: 0, members: [], items: {}, transfersIn: {} },
    save: (state: ShardState) => void (saved.state = structuredClone(state)),
  };
  return new Node(id, SIM_NODES, store, {
    forwardPut: (to, req) => peers.call(to, "forwardPut", req) as never,
    forwardGet: (to, req) => peers.call(to, "forwardGet", req) as never,
    transfer: async (to, req) => void (await peers.call(to, "transferIn", req)),
    sleep: peers.sleep,
  });
};

const nodeArb = fc.constantFrom(...SIM_NODES);
const window = fc.record({ atMs: fc.integer({ min: 200, max: 1500 }), forMs: fc.integer({ min: 50, max: 600 }) });
const faultArb = fc.oneof(
  fc.record({ kind: fc.constant("crash" as const), node: nodeArb }).chain((f) => window.map((w) => ({ ...f, ...w }))),
  fc.record({ kind: fc.constant("pause" as const), node: nodeArb }).chain((f) => window.map((w) => ({ ...f, ...w }))),
  fc.record({ kind: fc.constant("cut" as const), from: nodeArb, to: nodeArb }).chain((f) => window.map((w) => ({ ...f, ...w }))),
  window.map((w) => ({ kind: "flaky" as const, ...w })),
);
/** One or two single joins or leaves from four or five members. */
const membershipsArb = fc
  .tuple(fc.boolean(), nodeArb, nodeArb, fc.integer({ min: 300, max: 900 }), fc.integer({ min: 300, max: 900 }))
  .map(([startFive, a, b, t1, t2]) => {
    const first = startFive ? SIM_NODES : SIM_NODES.filter((n) => n !== a);
    const second = startFive ? first.filter((n) => n !== a) : SIM_NODES;
    const third = second.includes(b) && second.length > 2 ? second.filter((n) => n !== b) : [...second, b].filter((n, i, all) => all.indexOf(n) === i);
    return [
      { atMs: 0, members: first },
      { atMs: t1, members: second },
      { atMs: t1 + t2, members: third },
    ];
  });
const scheduleArb: fc.Arbitrary<SimSchedule> = fc.record({
  memberships: membershipsArb,
  faults: fc.array(faultArb, { maxLength: 2 }),
  workloadMs: fc.constant(2200),
});

async function failures(seed: number, schedule: SimSchedule, Node: NodeClass = ShardNode): Promise<string[]> {
  const { history, finalReads, record } = await simulate(seed, schedule, KEYS, PROBES, nodeOf(Node));
  record.declaredVnodes = Object.fromEntries(SIM_NODES.map((n) => [n, VNODES]));
  const run = runRecord<ShardOp>({
    problem: "consistent-hashing",
    nodes: SIM_NODES,
    history: [...history],
    finalReads,
    problemRecord: record,
  });
  return CHECKED.flatMap((c: Check<ShardOp>) => {
    const r = c.run(run, { searchTimeoutMs: 1000 });
    return r.status === "holds" ? [] : [`${c.name}: ${r.status}: ${r.message}`];
  });
}

const JOIN_AND_LEAVE: SimSchedule = {
  memberships: [
    { atMs: 0, members: SIM_NODES.slice(0, 4) },
    { atMs: 600, members: SIM_NODES },
    { atMs: 1200, members: SIM_NODES.filter((n) => n !== "node-1") },
  ],
  faults: [],
  workloadMs: 2000,
};

test("a fault-free join then leave: every check holds", async () => {
  assert.deepEqual(await failures(1, JOIN_AND_LEAVE), []);
});

const scratch = mkdtempSync(join(import.meta.dirname, ".mutant-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const name of ["data-not-moved-on-join", "stale-owner-cache", "position-not-id"]) {
  test(`the simulation catches the mutant ${name}`, async () => {
    const mutant = mutants.find((m) => m.name === name);
    assert.ok(mutant);
    const dir = join(scratch, name);
    materializeMutant(mutant, join(import.meta.dirname, "../reference/typescript"), dir);
    const { ShardNode: Mutated } = (await import(join(dir, "shard-node.ts"))) as { ShardNode: NodeClass };
    assert.notDeepEqual(await failures(1, JOIN_AND_LEAVE, Mutated), []);
  });
}

test("random memberships and faults: every check holds", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), scheduleArb, async (seed, schedule) => {
      assert.deepEqual(await failures(seed, schedule), [], JSON.stringify(schedule));
    }),
    { numRuns: 60 },
  );
}, 120_000);
