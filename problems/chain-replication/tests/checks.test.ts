// The chain's traffic checks: a correct simulated chain (tests/simulation.ts) never violates
// one, on random runs with crashes, rejoins, lost calls and answers, and calls given up and
// delivered late; each bug the traffic shows is caught with its reason; hand-made records
// pin the rules about faults and old epochs; and the holdings derivation agrees with a
// brute force on tiny random traffic.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import { MessageDecoder } from "../../../shared/agent/decoder.ts";
import type { ChainConfig } from "../checks/configuration.ts";
import type { ChainRun } from "../checks/history.ts";
import { Holdings } from "../checks/holdings.ts";
import { checkEpochFencing } from "../checks/epoch-fencing.ts";
import { checkForwarding } from "../checks/forwarding.ts";
import { checkNoGap } from "../checks/no-gap.ts";
import { checkPrefix } from "../checks/prefix.ts";
import { checkResend } from "../checks/resend.ts";
import { checkTailAppliedFirst } from "../checks/tail-applied-first.ts";
import { checkTailReads } from "../checks/tail-reads.ts";
import { ACK, CLOCK_SLACK_MS, FORWARD, TRANSFER } from "../checks/traffic.ts";
import { ChainSim, type Bug, type Fate, type Step } from "./simulation.ts";

const CHECKS = {
  forwarding: checkForwarding,
  prefix: checkPrefix,
  noGap: checkNoGap,
  resend: checkResend,
  tailReads: checkTailReads,
  epochFencing: checkEpochFencing,
  tailAppliedFirst: checkTailAppliedFirst,
} as const;

const runAll = (run: ChainRun): Record<keyof typeof CHECKS, PropertyResult> =>
  Object.fromEntries(Object.entries(CHECKS).map(([k, check]) => [k, check(run)])) as Record<
    keyof typeof CHECKS,
    PropertyResult
  >;

const fateArb = fc.constantFrom<Fate>("ok", "ok", "ok", "ok", "drop", "lose");
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("send" as const), node: fc.nat(2) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("ack" as const), node: fc.nat(2) }) },
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant("deliver" as const), pick: fc.nat(), fate: fateArb }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("read" as const), node: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("configure" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("crash" as const), node: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.constant({ kind: "restart" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      ms: fc.integer({ min: 1, max: 400 }),
    }),
  },
);

// Scripted steps: with one call in flight, `deliver` takes that one.
const send = (node: number, fate: Fate = "ok"): Step[] => [
  { kind: "send", node },
  { kind: "deliver", pick: 0, fate },
];
const ack = (node: number): Step[] => [
  { kind: "ack", node },
  { kind: "deliver", pick: 0, fate: "ok" },
];
const configureAll = (members: number): Step[] =>
  Array.from({ length: members }, () => ({ kind: "configure", pick: 0 }) as Step);
/** Three writes down the whole chain node-0 → node-1 → node-2, acknowledged back. */
const steady: Step[] = [
  ...[1, 2, 3].flatMap(() => [{ kind: "write" } as Step, ...send(0), ...send(1)]),
  ...ack(2),
  ...ack(1),
];

describe("a correct chain", () => {
  test("never violates a check on random runs with failures and rejoins", () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 20, maxLength: 400, size: "max" }), (steps) => {
        const results = runAll(new ChainSim().run(steps).record);
        for (const [name, r] of Object.entries(results)) {
          assert.notEqual(r.status, "violated", `${name}: ${r.message}\n${r.excerpt?.join("\n")}`);
          if (r.status === "holds") seen.set(name, (seen.get(name) ?? 0) + 1);
        }
      }),
      { numRuns: 300 },
    );
    // The runs gave every check evidence, so "never violated" says something.
    for (const name of Object.keys(CHECKS))
      assert.ok((seen.get(name) ?? 0) >= 30, `${name}: ${seen.get(name)}`);
  });

  test("a steady chain with a middle failure and a rejoin holds every check", () => {
    const sim = new ChainSim().run([
      ...steady,
      { kind: "write" },
      ...send(0),
      { kind: "crash", node: 1 },
      { kind: "write" },
      ...configureAll(2),
      ...send(0), // the first of epoch 2 probes with update 5; the tail holds 3: GAP
      ...send(0), // ... so update 4, which it lacks
      ...send(0),
      ...ack(2),
      { kind: "read", node: 2 },
      { kind: "restart" },
      ...configureAll(3),
      ...send(2), // the old tail sends the joiner the state
      { kind: "write" },
      ...send(0),
      ...send(2),
      { kind: "read", node: 1 },
    ]);
    const results = runAll(sim.record);
    for (const [name, r] of Object.entries(results)) assert.equal(r.status, "holds", name);
  });

  test("with no traffic and no reads, nothing holds: every check is inconclusive", () => {
    const results = runAll(new ChainSim().record);
    for (const [name, r] of Object.entries(results)) assert.equal(r.status, "inconclusive", name);
  });
});

describe("each bug the traffic shows is caught, with its reason", () => {
  const caught = (bug: Bug, steps: Step[], check: keyof typeof CHECKS): PropertyResult => {
    const run = new ChainSim(bug).run(steps).record;
    assert.notEqual(CHECKS[check](new ChainSim().run(steps).record).status, "violated");
    const result = CHECKS[check](run);
    assert.equal(result.status, "violated", result.message);
    assert.ok(result.excerpt?.length);
    return result;
  };

  test("reads answered by the head", () => {
    const r = caught("head-reads", [...steady, { kind: "read", node: 0 }], "tailReads");
    assert.match(r.message, /node-0 answered a read of k0 OK .* while it was not the tail/);
  });

  test("the predecessor does not resend after a reconfiguration", () => {
    const steps: Step[] = [
      { kind: "write" },
      ...send(0),
      ...send(1),
      { kind: "write" },
      ...send(0),
      { kind: "crash", node: 1 },
      ...configureAll(2),
      { kind: "write" },
      ...send(0),
      ...send(0),
    ];
    const r = caught("no-resend", steps, "resend");
    assert.match(
      r.message,
      /node-2 answered GAP to node-0 in epoch 2: it holds updates up to 1; but node-0's next call to it was Forward of update 3, not 2/,
    );
  });

  test("a retransmitted update applied twice", () => {
    const steps: Step[] = [{ kind: "write" }, ...send(0, "lose"), ...send(0)];
    const r = caught("apply-twice", steps, "prefix");
    assert.match(
      r.message,
      /node-1 answered Forward from node-0 saying it holds updates up to 2 in epoch 1, but the highest seq sent to it since it joined was 1/,
    );
  });

  test("a new tail that starts without the full state", () => {
    const steps: Step[] = [
      ...steady,
      { kind: "crash", node: 2 },
      ...configureAll(2),
      { kind: "restart" },
      ...configureAll(3),
      { kind: "write" },
      ...send(0),
      ...send(1),
    ];
    const r = caught("join-without-state", steps, "noGap");
    assert.match(
      r.message,
      /node-2 accepted update \d from node-1 in epoch 3, but nothing had been sent to it since it joined/,
    );
  });

  test("a node that takes an old epoch's update still in flight", () => {
    const steps: Step[] = [
      { kind: "write" },
      ...send(0),
      { kind: "send", node: 1 }, // node-1 → node-2, epoch 1, still in flight
      { kind: "crash", node: 0 },
      { kind: "configure", pick: 1 }, // node-2 adopts epoch 2 first
      { kind: "deliver", pick: 0, fate: "ok" },
      ...configureAll(1),
    ];
    const r = caught("ignore-epoch", steps, "epochFencing");
    assert.match(
      r.message,
      /node-2 accepted Forward of epoch 1 from node-1 while in epoch 2: a call of another epoch is answered WRONG_EPOCH/,
    );
  });

  test("the head acknowledges before the tail does", () => {
    const steps: Step[] = [
      { kind: "write" },
      { kind: "wait", ms: 300 }, // the OK leaves at once, the update well after it
      ...send(0),
      ...send(1),
      ...ack(2),
      ...ack(1),
    ];
    const r = caught("head-acks-early", steps, "tailAppliedFirst");
    assert.match(
      r.message,
      /node-0 answered c1 #1 \(append k1 "v1"\) OK at 0\.0 s, but no Forward of it had reached a tail by then/,
    );
  });
});

describe("each bug is caught on random runs too, by its check", () => {
  const runs = fc.sample(fc.array(stepArb, { minLength: 100, maxLength: 400, size: "max" }), {
    numRuns: 200,
    seed: 19,
  });
  test.each([
    ["head-reads", "tailReads"],
    ["no-resend", "resend"],
    ["apply-twice", "prefix"],
    ["join-without-state", "noGap"],
    ["ignore-epoch", "epochFencing"],
    ["head-acks-early", "tailAppliedFirst"],
  ] as const)("%s: %s", (bug, check) => {
    const caughtIn = runs.filter(
      (steps) => CHECKS[check](new ChainSim(bug).run(steps).record).status === "violated",
    ).length;
    assert.ok(caughtIn > 0, `${bug} was never caught by ${check} in ${runs.length} runs`);
  });
});

// Hand-made records for the rules about faults, epochs and evidence.
let seq = 0;
function call(
  method: string,
  from: string,
  to: string,
  atMs: number,
  request: Record<string, unknown>,
  response?: Record<string, unknown>,
  fault?: MessageRecord["fault"],
): MessageRecord {
  return {
    seq: seq++,
    from,
    to,
    method,
    startMs: atMs,
    endMs: atMs + 2,
    requestBytes: 20,
    responseBytes: response ? 6 : 0,
    status: response && fault !== "lose-answer" ? 0 : 4,
    request,
    ...(response ? { response } : {}),
    ...(fault ? { fault } : {}),
  };
}
const update = (epoch: number, s: number, extra: Record<string, unknown> = {}) => ({
  epoch,
  seq: s,
  client_id: "c1",
  sequence: s,
  op: "PUT",
  key: "k",
  value: `v${s}`,
  ...extra,
});
const accepted = (epoch: number, last: number) => ({ status: "ACCEPTED", epoch, last_seq: last });
const CONFIGS: ChainConfig[] = [
  { epoch: 1, chain: ["a", "b", "c"], sentMs: 0, answeredMs: { a: 1, b: 1, c: 1 } },
  { epoch: 2, chain: ["a", "c"], sentMs: 1000, answeredMs: { a: 1001, c: 1002 } },
  { epoch: 3, chain: ["a", "c", "b"], sentMs: 2000, answeredMs: { a: 2001, b: 2001, c: 2002 } },
];
const runOf = (messages: MessageRecord[], fields: Partial<ChainRun> = {}): ChainRun => ({
  originMs: 0,
  messages,
  messagesDropped: 0,
  history: [],
  configs: CONFIGS,
  ...fields,
});

describe("faults and epochs", () => {
  test("a Forward the agent kept away gave nothing; one whose answer was lost did", () => {
    const next = call(FORWARD, "a", "b", 20, update(1, 2), accepted(1, 2));
    for (const fault of ["drop", "blackhole", "refuse"] as const) {
      const kept = call(FORWARD, "a", "b", 10, update(1, 1), undefined, fault);
      const r = checkNoGap(runOf([kept, next]));
      assert.equal(r.status, "violated", fault);
      assert.match(r.message, /b accepted update 2 from a in epoch 1, but nothing had been sent/);
    }
    const lost = call(FORWARD, "a", "b", 10, update(1, 1), accepted(1, 1), "lose-answer");
    assert.equal(checkNoGap(runOf([lost, next])).status, "holds");
  });

  test("a lost answer is not heard: the sender must resend, not move on", () => {
    const lost = call(FORWARD, "a", "b", 10, update(1, 1), accepted(1, 1), "lose-answer");
    const again = call(FORWARD, "a", "b", 20, update(1, 1), accepted(1, 1));
    const onward = call(FORWARD, "a", "b", 30, update(1, 2), accepted(1, 2));
    assert.equal(checkForwarding(runOf([lost, again, onward])).status, "holds");
    const skipped = call(FORWARD, "a", "b", 40, update(1, 3), accepted(1, 3));
    const first = call(FORWARD, "a", "b", 10, update(1, 1), accepted(1, 1), "lose-answer");
    const r = checkForwarding(runOf([first, call(FORWARD, "a", "b", 20, update(1, 2)), skipped]));
    assert.equal(r.status, "violated");
    assert.match(r.message, /a sent update 2 to its successor b in epoch 1 before hearing/);
  });

  test("an Ack from the successor tells its predecessor how far it got", () => {
    const first = call(FORWARD, "a", "c", 1010, update(2, 5), undefined, "drop");
    const ackFromC = call(ACK, "c", "a", 1020, { epoch: 2, seq: 7 }, accepted(2, 9));
    const eighth = call(FORWARD, "a", "c", 1030, update(2, 8), accepted(2, 8));
    assert.equal(checkForwarding(runOf([first, ackFromC, eighth])).status, "holds");
  });

  test("updates go only to the successor of the epoch they carry", () => {
    const skip = call(FORWARD, "a", "c", 500, update(1, 1), accepted(1, 1));
    let r = checkForwarding(runOf([skip]));
    assert.equal(r.status, "violated");
    assert.match(
      r.message,
      /a sent Forward of epoch 1 to c, but its successor in that chain \(a → b → c\) is b/,
    );
    r = checkForwarding(runOf([call(FORWARD, "c", "a", 500, update(1, 1))]));
    assert.match(r.message, /is nobody: it is the tail/);
    r = checkForwarding(runOf([call(FORWARD, "a", "b", 500, update(9, 1))]));
    assert.match(r.message, /of epoch 9 to b, an epoch the judge never configured/);
    r = checkForwarding(runOf([call(TRANSFER, "c", "b", 1000, { epoch: 3, last_seq: 4 })]));
    assert.match(r.message, /before the judge sent that epoch/);
  });

  test("an old epoch's calls still in flight after a reconfiguration are allowed", () => {
    // b is killed at about 995; the judge sends epoch 2 (a → c) at 1000, c answers at 1002.
    const first = call(FORWARD, "a", "b", 980, update(1, 1), accepted(1, 1));
    const toDead = call(FORWARD, "a", "b", 990, update(1, 2));
    toDead.status = 14;
    const late = call(FORWARD, "b", "c", 992, update(1, 1), accepted(1, 1));
    // Started before c answered epoch 2, arriving after: either answer is right.
    const racing = call(FORWARD, "b", "c", 994, update(1, 1), accepted(1, 1));
    racing.endMs = 1010;
    const refused = call(FORWARD, "b", "c", 996, update(1, 1), {
      status: "WRONG_EPOCH",
      epoch: 2,
      last_seq: 1,
    });
    const now = call(FORWARD, "a", "c", 1700, update(2, 2), accepted(2, 2));
    const results = runAll(runOf([first, toDead, late, racing, refused, now]));
    for (const [name, r] of Object.entries(results))
      assert.notEqual(r.status, "violated", `${name}: ${r.message}`);
    assert.equal(results.forwarding.status, "holds");
    assert.equal(results.epochFencing.status, "holds");
    // The same call starting well after c answered the Configure of epoch 2 is not.
    const stale = call(FORWARD, "b", "c", 1400, update(1, 1), accepted(1, 1));
    const r = checkEpochFencing(runOf([stale]));
    assert.equal(r.status, "violated");
    assert.match(
      r.message,
      /c accepted Forward of epoch 1 from b 0.398 s after it had answered the judge's Configure of epoch 2/,
    );
  });

  test("a rejoined node starts from nothing: its updates before the crash do not count", () => {
    const before = call(FORWARD, "a", "b", 10, update(1, 1), accepted(1, 1));
    const after = call(FORWARD, "c", "b", 2100, update(3, 2), accepted(3, 2));
    const r = checkNoGap(runOf([before, after]));
    assert.equal(r.status, "violated");
    assert.match(
      r.message,
      /b accepted update 2 from c in epoch 3, but nothing had been sent to it since it joined/,
    );
    const transfer = call(TRANSFER, "c", "b", 2050, { epoch: 3, last_seq: 1 }, accepted(3, 1));
    assert.equal(checkNoGap(runOf([before, transfer, after])).status, "holds");
  });

  test("two updates at one seq in one epoch break the prefix; across epochs they may differ", () => {
    const one = call(FORWARD, "a", "b", 10, update(1, 1), accepted(1, 1));
    const other = call(FORWARD, "b", "c", 20, update(1, 1, { value: "x" }), accepted(1, 1));
    const r = checkPrefix(runOf([one, other]));
    assert.equal(r.status, "violated");
    assert.match(r.message, /two Forwards of epoch 1 carry different updates at seq 1/);
    const later = call(FORWARD, "a", "c", 1100, update(2, 1, { value: "x" }), accepted(2, 1));
    assert.equal(checkPrefix(runOf([one, later])).status, "holds");
  });

  test("the head's own answers claim what it made, and are not judged", () => {
    const ackToHead = call(ACK, "b", "a", 10, { epoch: 1, seq: 0 }, accepted(1, 40));
    assert.equal(checkPrefix(runOf([ackToHead])).status, "inconclusive");
  });

  test("with messages left out, what would be a violation is only inconclusive", () => {
    const skipped = [call(FORWARD, "a", "b", 10, update(1, 3), accepted(1, 3))];
    const overclaimed = [call(FORWARD, "a", "b", 10, update(1, 1), accepted(1, 3))];
    for (const [check, messages] of [
      [checkNoGap, skipped],
      [checkPrefix, overclaimed],
    ] as const) {
      assert.equal(check(runOf(messages)).status, "violated");
      const r = check(runOf(messages, { messagesDropped: 5 }));
      assert.equal(r.status, "inconclusive");
      assert.match(r.message, /left 5 messages out/);
    }
  });

  test("a call the agents could not decode could have carried or told anything", () => {
    const unread = call(FORWARD, "a", "b", 10, {}, accepted(1, 5));
    delete unread.request;
    delete unread.response;
    unread.status = 0;
    const fifth = call(FORWARD, "a", "b", 20, update(1, 5), accepted(1, 5));
    assert.equal(checkNoGap(runOf([fifth])).status, "violated");
    assert.equal(checkNoGap(runOf([unread, fifth])).status, "holds");
    const first = call(FORWARD, "a", "b", 5, update(1, 1));
    assert.equal(checkForwarding(runOf([first, fifth])).status, "violated");
    const r = checkForwarding(runOf([first, unread, fifth]));
    assert.equal(r.status, "inconclusive");
    assert.match(r.message, /1 call between them was not decoded/);
  });

  test("a write answered OK before any Forward of it reached a tail, unless a Transfer could have carried it", () => {
    const write = {
      id: 1,
      client: "c1",
      sequence: 1,
      f: "put" as const,
      key: "k",
      value: "v1",
      outcome: "ok" as const,
      startMs: 100,
      endMs: 500,
      attempts: [{ node: "a", startMs: 100, endMs: 500, result: "ok" as const }],
    };
    const toMiddle = call(FORWARD, "a", "b", 110, update(1, 1), accepted(1, 1));
    const toTail = call(FORWARD, "b", "c", 900, update(1, 1), accepted(1, 1));
    let r = checkTailAppliedFirst(runOf([toMiddle, toTail], { history: [write] }));
    assert.equal(r.status, "violated");
    assert.match(
      r.message,
      /a answered c1 #1 \(put k "v1"\) OK at 0.5 s, but no Forward of it had reached a tail by then/,
    );
    const inTime = call(FORWARD, "b", "c", 300, update(1, 1), accepted(1, 1));
    r = checkTailAppliedFirst(runOf([toMiddle, inTime], { history: [write] }));
    assert.equal(r.status, "holds");
    const dropped = call(FORWARD, "b", "c", 300, update(1, 1), undefined, "drop");
    r = checkTailAppliedFirst(runOf([toMiddle, dropped, toTail], { history: [write] }));
    assert.equal(r.status, "violated");
    const transfer = call(TRANSFER, "b", "c", 300, { epoch: 1, last_seq: 1 }, accepted(1, 1));
    r = checkTailAppliedFirst(runOf([toMiddle, transfer, toTail], { history: [write] }));
    assert.equal(r.status, "inconclusive");
  });

  test("a read answered by a node while it may still be the tail is fine", () => {
    // c was tail in epoch 2 until it answered epoch 3 at 2002.
    const read = (node: string, startMs: number, endMs: number) => ({
      id: 1,
      client: "r",
      sequence: 1,
      f: "get" as const,
      key: "k",
      outcome: "ok" as const,
      startMs,
      endMs,
      attempts: [{ node, startMs, endMs, result: "ok" as const }],
    });
    assert.equal(checkTailReads(runOf([], { history: [read("c", 1990, 2005)] })).status, "holds");
    const r = checkTailReads(runOf([], { history: [read("c", 2003, 2010)] }));
    assert.equal(r.status, "violated");
    assert.match(
      r.message,
      /c answered a read of k OK between 2.0 s and 2.0 s, while it was not the tail/,
    );
  });
});

test("the proto gives the agents every field the checks read as a top-level scalar", () => {
  const decoder = new MessageDecoder(
    fileURLToPath(new URL("../chain_replication.proto", import.meta.url)),
  );
  const fields = (method: string, direction: "request" | "response"): string[] => [
    ...(decoder.scalarFields(method, direction)?.keys() ?? []),
  ];
  const peer = ["status", "epoch", "last_seq"];
  assert.deepEqual(fields(FORWARD, "request"), [
    "epoch",
    "seq",
    "client_id",
    "sequence",
    "op",
    "key",
    "value",
  ]);
  assert.deepEqual(fields(FORWARD, "response"), peer);
  assert.deepEqual(fields(ACK, "request"), ["epoch", "seq"]);
  assert.deepEqual(fields(ACK, "response"), peer);
  assert.deepEqual(fields(TRANSFER, "request"), [
    "epoch",
    "last_seq",
    "entries_count",
    "sessions_count",
  ]);
  assert.deepEqual(fields(TRANSFER, "response"), peer);
});

test("holdings agree with a brute force over tiny random traffic", () => {
  const nodeArb = fc.constantFrom("a", "b", "c");
  const callArb = fc.record({
    method: fc.constantFrom(FORWARD, TRANSFER),
    from: nodeArb,
    to: nodeArb,
    atMs: fc.integer({ min: 0, max: 2600 }),
    epoch: fc.integer({ min: 1, max: 3 }),
    seq: fc.integer({ min: 1, max: 6 }),
    answer: fc.constantFrom("ACCEPTED", "GAP", "WRONG_EPOCH", null),
    fault: fc.constantFrom(undefined, "drop", "blackhole", "refuse", "lose-answer", "delay"),
  });
  fc.assert(
    fc.property(
      fc.array(callArb, { maxLength: 12 }),
      nodeArb,
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 0, max: 2600 }),
      fc.nat(12),
      (specs, node, epoch, atMs, exceptAt) => {
        const messages = specs.map((s) =>
          call(
            s.method,
            s.from,
            s.to,
            s.atMs,
            s.method === FORWARD ? update(s.epoch, s.seq) : { epoch: s.epoch, last_seq: s.seq },
            s.answer === null ? undefined : { status: s.answer, epoch: s.epoch, last_seq: s.seq },
            s.fault as MessageRecord["fault"],
          ),
        );
        const except = messages[exceptAt];
        const got = new Holdings(messages, CONFIGS).upTo(node, epoch, atMs, except);
        assert.deepEqual(got?.seq ?? null, bruteHeld(messages, node, epoch, atMs, except));
      },
    ),
    { numRuns: 500 },
  );
});

/** Written from the statement's words, not the code's: membership by walking the epochs. */
function bruteHeld(
  messages: readonly MessageRecord[],
  node: string,
  epoch: number,
  atMs: number,
  except: MessageRecord | undefined,
): number | null {
  const member = (e: number): boolean => CONFIGS[e - 1]?.chain.includes(node) ?? false;
  if (!member(epoch)) return null;
  let joined = epoch;
  while (joined > 1 && member(joined - 1)) joined--;
  let best = 0;
  for (const m of messages) {
    if (m === except || m.to !== node || m.startMs > atMs + CLOCK_SLACK_MS) continue;
    if (m.fault === "drop" || m.fault === "blackhole" || m.fault === "refuse") continue;
    if (m.status === 0 && m.response && m.response["status"] !== "ACCEPTED") continue;
    const e = m.request?.["epoch"] as number;
    let j = e;
    while (j > 1 && member(j - 1)) j--;
    if (!member(e) || j !== joined) continue;
    const s = (m.method === FORWARD ? m.request?.["seq"] : m.request?.["last_seq"]) as number;
    best = Math.max(best, s);
  }
  return best;
}
