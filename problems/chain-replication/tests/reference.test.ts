// The reference node (reference/typescript/) in-process: three nodes on a seeded simulated
// network (reference-cluster.ts), through each planned failure, with the judge's kind of
// clients. Every run must be linearizable (the checker's kv model), every acknowledged
// APPEND must be in the final read exactly once, reads must be answered again after the
// heal, and the problem's own traffic checks (checks/) must find nothing wrong.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test, vi } from "vitest";
import { checkOperations, kvModel } from "../../../shared/check/index.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import { checkEpochFencing } from "../checks/epoch-fencing.ts";
import { checkForwarding } from "../checks/forwarding.ts";
import type { ChainOp, ChainRun } from "../checks/history.ts";
import { checkNoGap } from "../checks/no-gap.ts";
import { checkPrefix } from "../checks/prefix.ts";
import { checkResend } from "../checks/resend.ts";
import { checkTailAppliedFirst } from "../checks/tail-applied-first.ts";
import { checkTailReads } from "../checks/tail-reads.ts";
import { FORWARD } from "../checks/traffic.ts";
import { NODE_IDS, SimCluster, seededRandom, sleep } from "./reference-cluster.ts";

const CHECKS: ((run: ChainRun) => PropertyResult)[] = [
  checkForwarding,
  checkPrefix,
  checkNoGap,
  checkResend,
  checkTailReads,
  checkEpochFencing,
  checkTailAppliedFirst,
];

type Role = "head" | "middle" | "tail";

interface Scenario {
  /**
   * Nodes killed one after another, 1 s apart, each named by its role then; with `rejoin`,
   * each is restarted and added back as tail 1 s after its kill, before the next kill.
   */
  kill?: Role[];
  rejoin?: boolean;
  /** The middle killed right after its Forward reached the tail, before the answer. */
  killMiddleOnForward?: boolean;
  lossy?: boolean;
  clients?: number;
}

const KEYS = ["a", "b", "log"];
const WORKLOAD_MS = 5000;
/** The master notices a death and sends the new chain this long after it. */
const DETECT_MS = 100;

async function run(seed: number, s: Scenario): Promise<{ run: ChainRun; cluster: SimCluster }> {
  const random = seededRandom(seed);
  const cluster = new SimCluster(random);
  const order = [...NODE_IDS].sort(() => random() - 0.5);
  await cluster.configure(order);
  if (s.lossy) cluster.faults = { drop: 0.1, loseAnswer: 0.15 };
  const endMs = Date.now() + WORKLOAD_MS;
  let token = 0;
  const pickOp = (): { op: "GET" | "PUT" | "APPEND"; key: string; value: string } => {
    const key = KEYS[Math.floor(random() * KEYS.length)] as string;
    const r = random();
    // "log" only grows: every acknowledged APPEND must be in its final value exactly once.
    if (r < 0.3) return { op: "GET", key, value: "" };
    if (r < 0.5 && key !== "log") return { op: "PUT", key, value: `p${++token};` };
    return { op: "APPEND", key, value: `t${++token};` };
  };
  const clients = Array.from({ length: s.clients ?? 3 }, (_, i) =>
    cluster.runClient(`c${i}`, pickOp, endMs),
  );
  const faults = (async () => {
    if (s.killMiddleOnForward) {
      await sleep(1500);
      const armed = await new Promise<string>((resolve) => {
        cluster.onHandled = (m) => {
          const [head, middle, tail] = cluster.chain;
          if (!head || m.method !== FORWARD || m.from !== middle || m.to !== tail) return;
          cluster.onHandled = () => {};
          cluster.kill(middle);
          resolve(middle);
        };
      });
      await sleep(DETECT_MS);
      await cluster.configure(cluster.chain.filter((id) => id !== armed));
    }
    for (const role of s.kill ?? []) {
      await sleep(1000);
      const chain = cluster.chain;
      const victim = { head: chain[0], middle: chain[1], tail: chain.at(-1) }[role] as string;
      cluster.kill(victim);
      await sleep(DETECT_MS);
      await cluster.configure(chain.filter((id) => id !== victim));
      if (s.rejoin) {
        await sleep(1000);
        await cluster.restart(victim);
      }
    }
  })();
  await Promise.all([...clients, faults]);
  cluster.faults = { drop: 0, loseAnswer: 0 }; // heal
  await sleep(2000);
  // The judge's final read of every key at the tail.
  for (const key of KEYS) {
    const op = await cluster.operation(
      { client_id: "final", sequence: KEYS.indexOf(key) + 1, op: "GET", key, value: "" },
      Date.now() + 5000,
    );
    assert.equal(op.outcome, "ok", `the final read of ${key} is answered after the heal`);
  }
  return { run: cluster.record, cluster };
}

function assertSound({ run }: { run: ChainRun }): void {
  for (const check of CHECKS) {
    const result = check(run);
    assert.notEqual(result.status, "violated", `${result.property}: ${result.message}`);
    // The reference starts each link where its successor surely is, so it never hears a GAP
    // and the resend check has no evidence; every other check must find some.
    if (check !== checkResend) assert.equal(result.status, "holds", result.message);
  }
  const lin = checkOperations(
    kvModel,
    run.history.map((op) => ({
      id: op.id,
      clientId: op.client,
      input:
        op.f === "get"
          ? { f: "get" as const, key: op.key }
          : { f: op.f, key: op.key, value: op.value ?? "" },
      output: op.output,
      callMs: op.startMs,
      returnMs: op.endMs,
      outcome: op.outcome,
    })),
    { timeoutMs: 20_000 },
  );
  assert.equal(lin.verdict, "linearizable", JSON.stringify(lin.failure?.explanation ?? lin));
  assertAppendsOnce(run.history);
}

/** Every acknowledged APPEND to "log" is in its final value exactly once; no failed one is. */
function assertAppendsOnce(history: readonly ChainOp[]): void {
  const final = history.filter((op) => op.client === "final" && op.key === "log").at(-1);
  const tokens = ((final?.output as { value: string } | undefined)?.value ?? "")
    .split(";")
    .filter(Boolean);
  const acked = history.filter((op) => op.key === "log" && op.f === "append");
  const writes = acked.filter((op) => op.outcome === "ok");
  assert.ok(writes.length >= 3, `only ${writes.length} acknowledged APPENDs: too few to judge`);
  for (const op of acked) {
    const n = tokens.filter((t) => `${t};` === op.value).length;
    if (op.outcome === "ok") assert.equal(n, 1, `acknowledged ${op.value} is there ${n} times`);
    if (op.outcome === "fail") assert.equal(n, 0, `failed ${op.value} took effect`);
    if (op.outcome === "info") assert.ok(n <= 1, `${op.value} applied ${n} times`);
  }
}

describe("the reference chain node, in process", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const drive = async (
    seed: number,
    s: Scenario,
  ): Promise<{ run: ChainRun; cluster: SimCluster }> => {
    const done = run(seed, s);
    await vi.advanceTimersByTimeAsync(WORKLOAD_MS + 20_000);
    return done;
  };

  const scenarios: [string, Scenario][] = [
    ["no failure", {}],
    ["head failure", { kill: ["head"] }],
    ["middle failure", { kill: ["middle"] }],
    ["tail failure", { kill: ["tail"] }],
    ["tail rejoin", { kill: ["middle"], rejoin: true }],
    ["lossy links", { lossy: true }],
    ["concurrent clients", { clients: 10 }],
    ["middle killed on its Forward to the tail", { killMiddleOnForward: true }],
    ["head failure and rejoin on lossy links", { kill: ["head"], rejoin: true, lossy: true }],
    // The first joiner's log starts at its Transfer; the second kill makes it a predecessor.
    ["two failures, each rejoined", { kill: ["tail", "head"], rejoin: true }],
  ];
  for (const [name, scenario] of scenarios)
    for (const seed of [1, 2, 3])
      test(`${name} (seed ${seed})`, async () => assertSound(await drive(seed, scenario)));
});
