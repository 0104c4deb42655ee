// The vector-clock checks on runs simulated in process: the reference's ClockNode (state kept
// in memory) driven by random events, sends, deliveries and compares, its answers made into
// a history, its Deliver calls into recorded messages and its logs into the final reads. The reference holds on every one; a merge by
// sum, a lost acknowledged event, a message never delivered or received twice are caught.
import assert from "node:assert/strict";
import { test } from "vitest";
import { seededRandom, type Random } from "../../../harness/random.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { checkAcknowledged, checkClocks, checkDelivery } from "../checks.ts";
import type { ClockOp, LoggedEvent, Order } from "../client.ts";
import type { ClockFile, ClockState } from "../reference/typescript/clock-file.ts";
import { ClockNode } from "../reference/typescript/clock-node.ts";
import type { DeliverRequest } from "../reference/typescript/proto.ts";

const NODES = ["node-0", "node-1", "node-2"];

const memoryFile = (): ClockFile =>
  ({
    load: (): ClockState => ({ clock: {}, log: [], last: {}, outboxes: {}, received: {} }),
    save: () => {},
  }) as unknown as ClockFile;

interface Sim {
  nodes: Map<string, ClockNode>;
  history: ClockOp[];
  /** Every Deliver call, as the agents record it. */
  messages: MessageRecord[];
}

function op(f: ClockOp["f"], node: string, at: number, fields: Partial<ClockOp>): ClockOp {
  return {
    id: at,
    client: "c0",
    sequence: at + 1,
    f,
    outcome: "ok",
    startMs: at,
    endMs: at + 1,
    attempts: [{ node, startMs: at, endMs: at + 1, result: "ok" }],
    ...fields,
  };
}

/** Random steps; every message is delivered by the end unless `undelivered`. */
function simulate(random: Random, steps: number, undelivered = false): Sim {
  const nodes = new Map(
    NODES.map((n) => [
      n,
      new ClockNode(
        n,
        NODES.filter((p) => p !== n),
        memoryFile(),
        () => {},
      ),
    ]),
  );
  const history: ClockOp[] = [];
  const messages: MessageRecord[] = [];
  const deliver = (from: string, to: string, message: DeliverRequest) => {
    const at = messages.length;
    messages.push({
      seq: at,
      from,
      to,
      method: "/vectorclocks.ClockNode/Deliver",
      startMs: at,
      endMs: at + 1,
      requestBytes: 40,
      responseBytes: 0,
      status: 0,
      request: { from, message: message.message, clock_count: 3 },
    });
    (nodes.get(to) as ClockNode).deliver(message);
  };
  const seen: { id: string; clock: Record<string, number> }[] = [];
  const deliverOne = (from: string) => {
    const to = random.pick(NODES.filter((p) => p !== from));
    const sender = nodes.get(from) as ClockNode;
    const message = sender.nextFor(to);
    if (!message) return;
    deliver(from, to, message);
    // Sometimes the answer is lost: the sender resends, the receiver must not count it twice.
    if (random.next() < 0.2) deliver(from, to, message);
    sender.acknowledged(to, message.message);
  };
  for (let at = 0; at < steps; at++) {
    const node = random.pick(NODES);
    const n = nodes.get(node) as ClockNode;
    const x = random.next();
    const req = { client_id: "c0", sequence: at + 1 };
    if (x < 0.3) {
      const clock = n.event(req);
      history.push(op("event", node, at, { output: clock }));
      seen.push({ id: `${node}#${clock[node]}`, clock });
    } else if (x < 0.6) {
      const to = random.pick(NODES.filter((p) => p !== node));
      const clock = n.send({ ...req, to });
      history.push(op("send", node, at, { value: to, output: clock }));
      seen.push({ id: `${node}#${clock[node]}`, clock });
    } else if (x < 0.8 && seen.length) {
      const a = random.pick(seen.slice(-10));
      const b = random.next() < 0.2 ? a : random.pick(seen.slice(-10));
      const order = n.compare({ a: a.clock, b: b.clock }).toLowerCase() as Order;
      history.push(op("compare", node, at, { compared: [a, b], output: order }));
    } else deliverOne(node);
  }
  if (!undelivered)
    for (const from of NODES)
      for (const to of NODES.filter((p) => p !== from))
        for (let m = nodes.get(from)?.nextFor(to); m; m = nodes.get(from)?.nextFor(to)) {
          deliver(from, to, m);
          nodes.get(from)?.acknowledged(to, m.message);
        }
  return { nodes, history, messages };
}

function runOf(sim: Sim): RunRecord<ClockOp> {
  const finals = NODES.map((node, i) =>
    op("log", node, 100_000 + i, {
      output: (sim.nodes.get(node) as ClockNode).log().map((e) => ({
        ...e,
        kind: e.kind.toLowerCase() as LoggedEvent["kind"],
        clock: { ...e.clock },
      })),
    }),
  );
  return runRecord({
    problem: "vector-clocks",
    endMs: 200_000,
    nodes: NODES,
    history: [...sim.history, ...finals],
    finalReads: finals,
    messages: sim.messages,
  });
}

test("the reference's clocks, answers and deliveries hold on random runs", () => {
  for (let seed = 1; seed <= 30; seed++) {
    const run = runOf(simulate(seededRandom(seed), 150));
    for (const check of [checkClocks, checkAcknowledged, checkDelivery]) {
      const result = check(run);
      assert.equal(result.status, "holds", `seed ${seed}: ${result.message}`);
    }
  }
});

test("a message still queued at the end is a delivery violation, never a clock one", () => {
  const run = runOf(simulate(seededRandom(3), 150, true));
  assert.equal(checkClocks(run).status, "holds");
  assert.match(checkDelivery(run).message, /never received/);
});

test("a clock merged by sum is caught by happens-before, naming two events", () => {
  const sim = simulate(seededRandom(5), 150);
  // node-1's every receive claims one more event of its sender than happened.
  const run = runOf(sim);
  const log = run.finalReads[1]?.output as LoggedEvent[];
  for (const [i, e] of log.entries())
    if (e.kind === "receive") {
      for (const later of log.slice(i))
        later.clock = { ...later.clock, [e.peer]: (later.clock[e.peer] ?? 0) + 1 };
      break;
    }
  const result = checkClocks(run);
  assert.equal(result.status, "violated");
  assert.match(result.message, /node-\d#\d+.*node-\d#\d+/);
});

test("an acknowledged event missing from its node's log is named", () => {
  const run = runOf(simulate(seededRandom(7), 100));
  const log = run.finalReads[0]?.output as LoggedEvent[];
  log.splice(Math.floor(log.length / 2));
  const result = checkAcknowledged(run);
  assert.equal(result.status, "violated");
  assert.match(result.message, /^node-0 answered .* but its final log/);
});

test("a message received twice is a delivery violation", () => {
  const run = runOf(simulate(seededRandom(9), 100));
  const log = run.finalReads[2]?.output as LoggedEvent[];
  const receive = log.find((e) => e.kind === "receive") as LoggedEvent;
  log.push({ ...receive, clock: { ...receive.clock, "node-2": log.length + 1 } });
  assert.match(checkDelivery(run).message, /received .* 2 times/);
});

test("a missing final log leaves every check inconclusive", () => {
  const run = runOf(simulate(seededRandom(11), 50));
  run.finalReads[1]!.outcome = "info";
  for (const check of [checkClocks, checkAcknowledged, checkDelivery])
    assert.equal(check(run).status, "inconclusive");
});

test("a receive no recorded Deliver call carried is a delivery violation, unproven if calls were not kept", () => {
  const run = runOf(simulate(seededRandom(13), 100));
  const log = run.finalReads[2]?.output as LoggedEvent[];
  const receive = log.find((e) => e.kind === "receive") as LoggedEvent;
  const wire = (m: MessageRecord) =>
    m.to === "node-2" && m.from === receive.peer && m.request?.["message"] === receive.message;
  run.messages = run.messages.filter((m) => !wire(m));
  assert.match(checkDelivery(run).message, /but no Deliver of it from node-\d reached node-2/);
  run.messagesDropped = 5;
  assert.equal(checkDelivery(run).status, "inconclusive");
});
