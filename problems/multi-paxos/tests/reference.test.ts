// The reference node's core, several instances over a simulated seeded network: it elects a
// leader and answers clients fast without faults, and through drops, lost answers, delays,
// partitions (a ring of majorities too), kills and restarts from its own files it keeps every
// node's learnt slots in agreement, applies each operation exactly once, and serves clients
// again once the faults heal. Its traffic goes through the problem's own checks: none may
// find a violation.
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { checkAcceptorBallots } from "../checks/acceptor-ballots.ts";
import { checkAdoptsAccepted } from "../checks/adopts-accepted.ts";
import { checkLearnedAgreement } from "../checks/learned-agreement.ts";
import { checkLearnsChosen } from "../checks/learns-chosen.ts";
import { checkOneValuePerSlot } from "../checks/one-value.ts";
import { checkProposerBallots } from "../checks/proposer-ballots.ts";
import { checkRedirects } from "../checks/redirects.ts";
import type { Command } from "../reference/typescript/commands.ts";
import { ReferenceCluster, seededRandom } from "./reference-cluster.ts";
import { SimClient, tokenOf, type ClientOp } from "./reference-clients.ts";

const IDS = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const KEYS = ["k0", "k1", "k2"];
const CHECKS = [
  checkAcceptorBallots,
  checkProposerBallots,
  checkOneValuePerSlot,
  checkAdoptsAccepted,
  checkLearnsChosen,
  checkLearnedAgreement,
  checkRedirects,
];

let root = "";
let cluster: ReferenceCluster | null = null;

beforeEach(() => {
  // tmpfs when there is one: the fsyncs are real calls, but need not wait for a disk.
  root = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "paxos-ref-"));
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "Date"],
  });
});

afterEach(() => {
  cluster?.dispose();
  cluster = null;
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

const advance = (ms: number): Promise<void> => vi.advanceTimersByTimeAsync(ms).then(() => {});

function startCluster(seed: number): ReferenceCluster {
  cluster = new ReferenceCluster(IDS, root, seededRandom(seed));
  cluster.start();
  return cluster;
}

/** What each node learnt, slot by slot (its private map: the test reads the node's mind). */
const learntOf = (c: ReferenceCluster, id: string): Map<number, Command> => c.node(id)["learnt"];

function expectAgreement(c: ReferenceCluster): number {
  const bySlot = new Map<number, string>();
  for (const id of IDS) {
    for (const [slot, command] of learntOf(c, id)) {
      const text = JSON.stringify(command);
      const earlier = bySlot.get(slot);
      if (earlier !== undefined) expect(text, `${id} at slot ${slot}`).toBe(earlier);
      bySlot.set(slot, text);
    }
  }
  return bySlot.size;
}

/** No check finds a violation; with `evidence`, each one holds (none is left inconclusive). */
function expectChecksPass(c: ReferenceCluster, evidence: boolean): void {
  for (const check of CHECKS) {
    const result = check(c.traffic());
    const why = `${result.property}: ${result.message}\n${(result.excerpt ?? []).join("\n")}`;
    if (evidence) expect(result.status, why).toBe("holds");
    else expect(result.status, why).not.toBe("violated");
  }
}

/**
 * Exactly once and in real-time order: in the final value of each key every acknowledged
 * APPEND appears once, no operation appears twice, each client's appear in sequence order,
 * and every acknowledged GET saw a prefix of it holding every APPEND acknowledged before the
 * GET was first sent.
 */
function expectExactlyOnce(ops: ClientOp[], finalValues: Map<string, string>): void {
  const issued = new Set(ops.filter((o) => o.op === "APPEND").map((o) => o.value));
  for (const key of KEYS) {
    const value = finalValues.get(key) ?? "";
    const tokens = value
      .split(";")
      .filter(Boolean)
      .map((t) => `${t};`);
    expect(new Set(tokens).size, `a token twice in ${key}: ${value}`).toBe(tokens.length);
    for (const t of tokens) expect(issued.has(t), `${t} was never sent`).toBe(true);
    const lastSeq = new Map<string, number>();
    for (const t of tokens) {
      const [client, seq] = t.slice(0, -1).split(".") as [string, string];
      expect(Number(seq), `${client}'s appends out of order in ${key}`).toBeGreaterThan(
        lastSeq.get(client) ?? 0,
      );
      lastSeq.set(client, Number(seq));
    }
    for (const o of ops.filter((x) => x.key === key && x.result)) {
      if (o.op === "APPEND") expect(tokens, `acknowledged ${o.value} lost`).toContain(o.value);
      if (o.op !== "GET" || !o.result) continue;
      expect(value.startsWith(o.result.value), `GET ${key} saw ${o.result.value}`).toBe(true);
      const before = ops.filter(
        (a) => a.key === key && a.op === "APPEND" && a.endMs !== null && a.endMs < o.startMs,
      );
      for (const a of before) expect(o.result.value, `GET missed ${a.value}`).toContain(a.value);
    }
  }
}

/** A GET of every key by a fresh client: the reads must all succeed within 5 s. */
async function finalReads(c: ReferenceCluster): Promise<Map<string, string>> {
  const reader = new SimClient("reader", c);
  const values = new Map<string, string>();
  for (const key of KEYS) {
    const read = reader.perform("GET", key, Date.now() + 5000);
    await advance(5000);
    const op = await read;
    expect(op.result, `final GET ${key}`).not.toBeNull();
    values.set(key, op.result?.value ?? "");
  }
  return values;
}

test("elects a leader at once and answers every operation within a second without faults", async () => {
  const c = startCluster(7);
  await advance(1000);
  expect(c.leaders()).toHaveLength(1);
  const clients = ["c1", "c2", "c3"].map((id) => new SimClient(id, c));
  const t0 = Date.now();
  const work = Promise.all(clients.map((cl) => cl.run(KEYS, t0 + 5000, t0 + 8000)));
  await advance(8000);
  await work;
  const ops = clients.flatMap((cl) => cl.ops);
  expect(ops.length).toBeGreaterThan(100);
  for (const o of ops) {
    expect(o.endMs, `${o.clientId} #${o.sequence}`).not.toBeNull();
    expect((o.endMs as number) - o.startMs).toBeLessThan(1000);
  }
  expectExactlyOnce(ops, await finalReads(c));
  expect(expectAgreement(c)).toBeGreaterThanOrEqual(ops.length);
  // No leader changed, so nothing was proposed twice: some checks have nothing to compare.
  expectChecksPass(c, false);
});

for (const seed of [1, 2, 3]) {
  test(`keeps agreement and exactly-once through faults, and serves again once healed (seed ${seed})`, async () => {
    const c = startCluster(seed);
    const pick = (ids: string[]): string => ids[Math.floor(c.random() * ids.length)] as string;
    const clients = ["c1", "c2", "c3", "c4"].map((id) => new SimClient(id, c));
    const t0 = Date.now();
    const work = Promise.all(clients.map((cl) => cl.run(KEYS, t0 + 20_000, t0 + 26_000)));
    await advance(2000);
    c.faults = { drop: 0.1, loseAnswer: 0.1, delay: 0.1 };
    await advance(4000);
    c.heal();
    // The leader alone on one side, then healed: a new leader, then the old one rejoins.
    const cutOff = c.leaders()[0] ?? pick(IDS);
    c.partition([[cutOff], IDS.filter((id) => id !== cutOff)]);
    await advance(3000);
    c.heal();
    await advance(1000);
    // A node killed, then the leader (maybe between a promise and its Accepts), both restarted.
    const victim = pick(IDS);
    c.kill(victim);
    await advance(500 + c.random() * 1000);
    const leader = c.leaders()[0];
    if (leader) c.kill(leader);
    await advance(2000);
    for (const id of IDS) if (!c.isUp(id)) c.restart(id);
    await advance(1500);
    // Each node reaches only its two neighbours: every node sees a different majority.
    const ring = IDS.map((id, i) => [id, IDS[(i + 2) % IDS.length] as string]);
    for (const [a, b] of ring) c.partition([[a as string], [b as string]]);
    await advance(3000);
    c.heal();
    await advance(9000);
    await work;
    const ops = clients.flatMap((cl) => cl.ops);
    expect(ops.filter((o) => o.result).length).toBeGreaterThan(40);
    expectExactlyOnce(ops, await finalReads(c));
    expectAgreement(c);
    expectChecksPass(c, true);
  });
}

test("a node restarted from its files knows what it promised, accepted and learnt", async () => {
  const c = startCluster(11);
  const client = new SimClient("c1", c);
  const writes = (async () => {
    for (let i = 0; i < 20; i++) await client.perform("APPEND", "k0", Date.now() + 3000);
  })();
  await advance(6000);
  await writes;
  const id = IDS.find((x) => !c.leaders().includes(x)) as string;
  const before = c.node(id);
  const promised = before["acceptor"].promised;
  const learnt = new Map(learntOf(c, id));
  c.kill(id);
  c.restart(id);
  expect(c.node(id)).not.toBe(before);
  expect(c.node(id)["acceptor"].promised).toEqual(promised);
  expect(learntOf(c, id)).toEqual(learnt);
  const tokens = client.ops.map((o) => tokenOf(o.clientId, o.sequence)).join("");
  expect(c.node(id).machine.session("c1")?.sequence).toBe(20);
  expect(learnt.size).toBeGreaterThanOrEqual(20);
  expect((await finalReads(c)).get("k0")).toBe(tokens);
});

test("an acceptor restarted between its promise and the new leader's Accept keeps the promise", async () => {
  // No node started: no timers, only the calls below.
  const c = new ReferenceCluster(IDS, root, seededRandom(5));
  cluster = c;
  const settle = async <T>(answer: Promise<T>): Promise<T> => {
    await advance(1);
    return answer;
  };
  const put1 = { client_id: "c1", sequence: 1, op: "PUT" as const, key: "k", value: "a" };
  const old = { ballot_round: 1, ballot_node: 0 };
  expect((await settle(c.node("node-3").handleAccept({ ...old, slot: 1, ...put1 }))).accepted).toBe(
    true,
  );
  const promise = await settle(
    c.node("node-3").handlePrepare({ ballot_round: 2, ballot_node: 1, from_slot: 1 }),
  );
  expect(promise.promised).toBe(true);
  expect(promise.accepted.map((a) => [a.slot, a.ballot_round, a.ballot_node, a.value])).toEqual([
    [1, 1, 0, "a"],
  ]);
  c.kill("node-3");
  c.restart("node-3");
  // The old leader's next Accept, and a Prepare between the two ballots: both refused.
  const late = await settle(
    c.node("node-3").handleAccept({ ...old, slot: 2, ...put1, sequence: 2, value: "b" }),
  );
  expect(late).toEqual({ accepted: false, promised_round: 2, promised_node: 1 });
  const lower = await settle(
    c.node("node-3").handlePrepare({ ballot_round: 1, ballot_node: 4, from_slot: 1 }),
  );
  expect(lower.promised).toBe(false);
  expect([lower.promised_round, lower.promised_node]).toEqual([2, 1]);
});
