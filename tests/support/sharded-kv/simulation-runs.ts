// What both problems' reference tests run over the simulation (simulation.ts): the reference's
// node class over an in-memory DATA_DIR, random schedules of memberships and faults, and a
// run's check failures.
import fc from "fast-check";
import type { Check } from "../../../harness/problem.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { ShardOp } from "../../../harness/sharded-kv/client.ts";
import {
  SIM_NODES,
  simulate,
  type PeerCalls,
  type SimNode,
  type SimSchedule,
} from "./simulation.ts";

/** The reference's ShardNode constructor, whatever its state and request types. */
export type NodeClass<State> = new (
  id: string,
  nodes: readonly string[],
  store: { load(): State; save(state: State): void },
  transport: {
    forwardPut(to: string, req: never): Promise<never>;
    forwardGet(to: string, req: never): Promise<never>;
    transfer(to: string, req: never): Promise<void>;
    sleep(ms: number): Promise<void>;
  },
) => SimNode;

export const SIM_KEYS = ["k0", "k1", "k2", "k3", "k4", "k5"];
export const SIM_PROBES = Array.from({ length: 60 }, (_, i) => `probe-${i}`);

const nodeOf =
  <State>(Node: NodeClass<State>, empty: State) =>
  (id: string, saved: { state?: unknown }, peers: PeerCalls): SimNode => {
    const store = {
      load: (): State => structuredClone((saved.state as State | undefined) ?? empty),
      save: (state: State) => void (saved.state = structuredClone(state)),
    };
    return new Node(id, SIM_NODES, store, {
      forwardPut: (to, req) => peers.call(to, "forwardPut", req) as Promise<never>,
      forwardGet: (to, req) => peers.call(to, "forwardGet", req) as Promise<never>,
      transfer: async (to, req) => void (await peers.call(to, "transferIn", req)),
      sleep: peers.sleep,
    });
  };

/** The checks that failed (not holding) on one simulated run, in words. */
export async function simFailures<State>(
  seed: number,
  schedule: SimSchedule,
  Node: NodeClass<State>,
  empty: State,
  checks: readonly Check<ShardOp>[],
  declaredVnodes?: number,
): Promise<string[]> {
  const { messages, history, finalReads, record } = await simulate(
    seed,
    schedule,
    SIM_KEYS,
    SIM_PROBES,
    nodeOf(Node, empty),
  );
  if (declaredVnodes !== undefined)
    record.declaredVnodes = Object.fromEntries(SIM_NODES.map((n) => [n, declaredVnodes]));
  const run: RunRecord<ShardOp> = {
    problem: "sim",
    scenario: "simulation",
    seed,
    originMs: 0,
    endMs: Math.max(0, ...history.map((op) => op.endMs ?? 0)),
    nodes: SIM_NODES,
    history,
    finalReads,
    finalReadBudgetMs: 1000,
    messages,
    messagesDropped: 0,
    faults: [],
    roleLosses: [],
    idleWindows: [],
    timeline: [],
    limitHits: [],
    problemRecord: record,
  };
  // The statistical checks need the judge's 2,000 sampled keys, not the simulation's 60.
  return checks
    .filter((c) => c.name !== "moves" && c.name !== "balance")
    .flatMap((c) => {
      const r = c.run(run, { searchTimeoutMs: 1000 });
      return r.status === "holds" ? [] : [`${c.name}: ${r.status}: ${r.message}`];
    });
}

/** node-4 joins a fault-free cluster of four, then node-1 leaves. */
export const JOIN_AND_LEAVE: SimSchedule = {
  memberships: [
    { atMs: 0, members: SIM_NODES.slice(0, 4) },
    { atMs: 600, members: SIM_NODES },
    { atMs: 1200, members: SIM_NODES.filter((n) => n !== "node-1") },
  ],
  faults: [],
  workloadMs: 2000,
};

const nodeArb = fc.constantFrom(...SIM_NODES);
const windowArb = fc.record({
  atMs: fc.integer({ min: 200, max: 1500 }),
  forMs: fc.integer({ min: 50, max: 600 }),
});
const faultArb = fc.oneof(
  fc.tuple(nodeArb, windowArb).map(([node, w]) => ({ kind: "crash" as const, node, ...w })),
  fc.tuple(nodeArb, windowArb).map(([node, w]) => ({ kind: "pause" as const, node, ...w })),
  fc
    .tuple(nodeArb, nodeArb, windowArb)
    .map(([from, to, w]) => ({ kind: "cut" as const, from, to, ...w })),
  windowArb.map((w) => ({ kind: "flaky" as const, ...w })),
);
/** Four or five members, then a join or leave, then another. */
const membershipsArb = fc
  .tuple(
    fc.boolean(),
    nodeArb,
    nodeArb,
    fc.integer({ min: 300, max: 900 }),
    fc.integer({ min: 300, max: 900 }),
  )
  .map(([startFive, a, b, t1, t2]) => {
    const first = startFive ? SIM_NODES : SIM_NODES.filter((n) => n !== a);
    const second = startFive ? first.filter((n) => n !== a) : SIM_NODES;
    const third = second.includes(b) ? second.filter((n) => n !== b) : [...second, b];
    return [
      { atMs: 0, members: first },
      { atMs: t1, members: second },
      { atMs: t1 + t2, members: third },
    ];
  });

export const scheduleArb: fc.Arbitrary<SimSchedule> = fc.record({
  memberships: membershipsArb,
  faults: fc.array(faultArb, { maxLength: 2 }),
  workloadMs: fc.constant(2200),
});
