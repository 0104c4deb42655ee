// The checks every available-under-partition problem shares, on hand-made runs: calls owed
// an answer, final reads that agree on an allowed value, messages and bytes within limits.
import assert from "node:assert/strict";
import { test } from "vitest";
import { checkAvailability } from "../../../harness/availability-check.ts";
import { checkConvergence } from "../../../harness/convergence-check.ts";
import { checkEfficiency } from "../../../harness/efficiency-check.ts";
import type { Operation } from "../../../harness/operation.ts";
import type { FaultWindow } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";

let nextId = 0;
function op(
  node: string,
  startMs: number,
  endMs: number,
  result: string,
  output?: unknown,
): Operation {
  return {
    id: nextId++,
    client: "c0",
    f: "read",
    outcome: result === "ok" ? "ok" : "info",
    ...(output === undefined ? {} : { output }),
    startMs,
    endMs: result === "ok" ? endMs : null,
    attempts: [{ node, startMs, endMs, result }],
  };
}

const limits = { answerMsMax: 500, restartGraceMs: 1000, definite: ["ok"] };
const partition: FaultWindow = {
  startMs: 0,
  endMs: 5000,
  description: "partition {node-0} | others",
};
const kill: FaultWindow = {
  startMs: 1000,
  endMs: 2000,
  description: "killed node-1",
  stopped: ["node-1"],
};

test("availability: a call to a live node in a partition is owed a quick definite answer", () => {
  const run = { originMs: 0, faults: [partition], history: [op("node-0", 100, 150, "ok")] };
  assert.equal(checkAvailability(run, limits).status, "holds");
  const slow = { ...run, history: [op("node-0", 100, 900, "ok")] };
  assert.match(checkAvailability(slow, limits).message, /answered after 800 ms/);
  const silent = { ...run, history: [op("node-0", 100, 1100, "deadline")] };
  const result = checkAvailability(silent, limits);
  assert.equal(result.status, "violated");
  assert.match(result.message, /node-0 was running .* no definite answer \(deadline\)/);
  assert.ok(result.excerpt?.some((l) => l.includes("partition {node-0} | others")));
});

test("availability: calls to a killed node, just after its restart or over faulted client links are excused", () => {
  const faults = [partition, kill];
  const down = op("node-1", 1500, 2000, "unavailable");
  const starting = op("node-1", 2500, 2600, "unavailable");
  assert.equal(
    checkAvailability({ originMs: 0, faults, history: [down, starting] }, limits).status,
    "inconclusive",
  );
  const late = op("node-1", 3100, 3200, "unavailable");
  assert.equal(
    checkAvailability({ originMs: 0, faults, history: [late] }, limits).status,
    "violated",
  );
  const flaky: FaultWindow = {
    startMs: 0,
    endMs: null,
    description: "every link loses answers",
    clientLinks: true,
  };
  assert.equal(
    checkAvailability({ originMs: 0, faults: [flaky], history: [late] }, limits).status,
    "inconclusive",
  );
});

const nodes = ["node-0", "node-1", "node-2"];
const allowEven = (v: unknown) =>
  (v as number) % 2 === 0
    ? { status: "yes" as const }
    : { status: "no" as const, why: "it is odd" };

test("convergence: every node answers the same allowed value", () => {
  const reads = nodes.map((n, i) => op(n, 10 + i, 20 + i, "ok", 4));
  assert.equal(
    checkConvergence({ originMs: 0, nodes, finalReads: reads }, allowEven).status,
    "holds",
  );
  const odd = nodes.map((n, i) => op(n, 10 + i, 20 + i, "ok", 5));
  assert.match(
    checkConvergence({ originMs: 0, nodes, finalReads: odd }, allowEven).message,
    /every node read 5, but it is odd/,
  );
  const split = [...reads.slice(0, 2), op("node-2", 12, 22, "ok", 2)];
  const result = checkConvergence({ originMs: 0, nodes, finalReads: split }, allowEven);
  assert.equal(result.status, "violated");
  assert.match(result.message, /still disagreed .*node-0 read 4, node-1 read 4, node-2 read 2/);
  const silent = [...reads.slice(0, 2), op("node-2", 12, 22, "deadline")];
  assert.match(
    checkConvergence({ originMs: 0, nodes, finalReads: silent }, allowEven).message,
    /did not answer/,
  );
  assert.equal(
    checkConvergence({ originMs: 0, nodes, finalReads: reads.slice(0, 2) }, allowEven).status,
    "inconclusive",
  );
});

function message(from: string, bytes: number): MessageRecord {
  return {
    seq: 0,
    from,
    to: "node-1",
    method: "/x.Y/Gossip",
    startMs: 0,
    endMs: 1,
    requestBytes: bytes,
    responseBytes: 0,
    status: 0,
  };
}

test("efficiency: peer messages per operation and bytes per message against the limits", () => {
  const history = [op("node-0", 0, 1, "ok"), op("node-1", 0, 1, "ok")];
  const messages = [message("node-0", 40), message("node-2", 60), message("client", 9999)];
  const stated = { messagesPerOpMax: 1, bytesPerMessageMax: 50 };
  assert.equal(checkEfficiency({ history, messages }, stated).status, "holds");
  const chatty = { history, messages: [...messages, message("node-1", 50)] };
  assert.match(
    checkEfficiency(chatty, stated).message,
    /3 peer messages for 2 client operations \(1.50 a operation\).*limit of 1 messages/,
  );
  const fat = { history, messages: [message("node-0", 80)] };
  assert.match(checkEfficiency(fat, stated).message, /limit of 50 bytes/);
  assert.equal(checkEfficiency({ history: [], messages }, stated).status, "inconclusive");
});
