// The checks against hand-made runs: each one holding, violated, and inconclusive without
// evidence. Runs are built field by field (runOf), as the checks read them.
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import type { Check } from "../../../harness/problem.ts";
import type { FaultWindow, RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import type { NodeState, TxnOp, TxnStateWire } from "../client.ts";
import { allYesCommits } from "../checks/all-yes-commits.ts";
import { atomicity } from "../checks/atomicity.ts";
import { commitAfterEveryYes } from "../checks/commit-after-yes.ts";
import { decisionReceived } from "../checks/decision-received.ts";
import { inDoubtResolved } from "../checks/resolution.ts";
import { total } from "../checks/total.ts";
import { votesDurable } from "../checks/votes-durable.ts";

const T0 = 1_000_000;
let seq = 0;

function message(
  method: string,
  from: string,
  to: string,
  atMs: number,
  request: Record<string, unknown>,
  response?: Record<string, unknown>,
  fault?: MessageRecord["fault"],
): MessageRecord {
  const lost = fault === "blackhole" || fault === "drop" || fault === "refuse";
  return {
    seq: ++seq,
    from,
    to,
    method: `/twopc.TwoPhaseCommitNode/${method}`,
    startMs: T0 + atMs,
    endMs: T0 + atMs + 5,
    requestBytes: 10,
    responseBytes: 10,
    status: lost ? 4 : 0,
    ...(fault ? { fault } : {}),
    request,
    ...(response && !lost ? { response } : {}),
  };
}

const prepare = (txn: number, to: string, vote: string, atMs = 0, fault?: MessageRecord["fault"]) =>
  message("Prepare", "node-0", to, atMs, { txn_id: txn, kind: "TRANSFER" }, { vote }, fault);
const decide = (
  txn: number,
  to: string,
  decision: string,
  atMs = 20,
  fault?: MessageRecord["fault"],
) => message("Decide", "node-0", to, atMs, { txn_id: txn, decision }, {}, fault);
const query = (txn: number, from: string, decision: string, atMs = 1500) =>
  message("QueryDecision", from, "node-0", atMs, { txn_id: txn, participant: from }, { decision });

const txn = (txn_id: number, status: string, vote = "VOTE_UNSPECIFIED"): TxnStateWire =>
  ({ txn_id, status: `STATUS_${status}`, vote }) as TxnStateWire;

const BALANCES = {
  "node-1": [
    { account: "a", amount: 100 },
    { account: "b", amount: 100 },
  ],
  "node-2": [
    { account: "c", amount: 100 },
    { account: "d", amount: 100 },
  ],
} as Record<string, NodeState["balances"]>;

function finalRead(node: string, txns: TxnStateWire[], balances = BALANCES[node] ?? []): TxnOp {
  return {
    id: ++seq,
    client: "final",
    f: "state",
    outcome: "ok",
    output: { balances, txns },
    startMs: T0 + 9000,
    endMs: T0 + 9001,
    attempts: [{ node, startMs: T0 + 9000, endMs: T0 + 9001, result: "ok" }],
  };
}

/** A committed transaction 1 everywhere, with every vote and Decide. */
const committedOne = () => ({
  messages: [
    prepare(1, "node-1", "YES"),
    prepare(1, "node-2", "YES"),
    decide(1, "node-1", "COMMIT"),
    decide(1, "node-2", "COMMIT", 30),
  ],
  finals: [
    finalRead("node-0", [txn(1, "COMMITTED")]),
    finalRead("node-1", [txn(1, "COMMITTED", "YES")]),
    finalRead("node-2", [txn(1, "COMMITTED", "YES")]),
  ],
});

function runOf(parts: {
  messages?: MessageRecord[];
  finals?: TxnOp[];
  history?: TxnOp[];
  faults?: FaultWindow[];
}): RunRecord<TxnOp> {
  const finals = parts.finals ?? [];
  return runRecord({
    problem: "two-phase-commit",
    originMs: T0,
    endMs: T0 + 10_000,
    nodes: ["node-0", "node-1", "node-2"],
    history: [...(parts.history ?? []), ...finals],
    finalReads: finals,
    finalReadBudgetMs: 1000,
    messages: parts.messages ?? [],
    faults: parts.faults ?? [],
  });
}

const statusOf = (check: Check<TxnOp>, run: RunRecord<TxnOp>) => {
  const r = check.run(run, { searchTimeoutMs: 1000 });
  return `${r.status}: ${r.message}`;
};
const expect = (check: Check<TxnOp>, run: RunRecord<TxnOp>, status: string) =>
  assert.match(statusOf(check, run), new RegExp(`^${status}: `));

function answered(
  f: "transfer" | "read",
  txnId: number,
  outcome: string,
  balances: NodeState["balances"] = [],
): TxnOp {
  return {
    id: ++seq,
    client: "c0",
    sequence: 1,
    f,
    outcome: "ok",
    output: { txn_id: txnId, outcome: `OUTCOME_${outcome}`, balances } as never,
    startMs: T0 + 10,
    endMs: T0 + 40,
    attempts: [],
  };
}

describe("atomicity", () => {
  test("holds when every place says the same", () =>
    expect(atomicity, runOf(committedOne()), "holds"));
  test("violated when a participant aborted what another committed", () => {
    const run = committedOne();
    run.finals[2] = finalRead("node-2", [txn(1, "ABORTED", "YES")]);
    expect(atomicity, runOf(run), "violated");
  });
  test("violated when the coordinator sent COMMIT and ABORT for one transaction", () =>
    expect(
      atomicity,
      runOf({ messages: [decide(3, "node-1", "COMMIT"), decide(3, "node-2", "ABORT", 40)] }),
      "violated",
    ));
  test("violated when a client was told ABORTED of a committed transaction", () =>
    expect(
      atomicity,
      runOf({ ...committedOne(), history: [answered("transfer", 1, "ABORTED")] }),
      "violated",
    ));
  test("inconclusive with nothing to compare", () => expect(atomicity, runOf({}), "inconclusive"));
});

describe("commit after every YES", () => {
  test("holds after both YES", () => expect(commitAfterEveryYes, runOf(committedOne()), "holds"));
  test("violated when a vote never came back", () =>
    expect(
      commitAfterEveryYes,
      runOf({
        messages: [
          prepare(1, "node-1", "YES", 0, "blackhole"),
          prepare(1, "node-2", "YES"),
          decide(1, "node-2", "COMMIT", 1000),
        ],
      }),
      "violated",
    ));
  test("violated when the YES came after the COMMIT", () =>
    expect(
      commitAfterEveryYes,
      runOf({
        messages: [
          prepare(1, "node-1", "YES", 100),
          prepare(1, "node-2", "YES"),
          decide(1, "node-2", "COMMIT", 50),
        ],
      }),
      "violated",
    ));
  test("a lost answer is a vote never heard", () =>
    expect(
      commitAfterEveryYes,
      runOf({
        messages: [
          prepare(1, "node-1", "YES", 0, "lose-answer"),
          prepare(1, "node-2", "YES"),
          decide(1, "node-1", "COMMIT", 50),
        ],
      }),
      "violated",
    ));
  test("inconclusive without a COMMIT", () =>
    expect(
      commitAfterEveryYes,
      runOf({ messages: [prepare(1, "node-1", "NO"), decide(1, "node-1", "ABORT")] }),
      "inconclusive",
    ));
});

describe("decision received", () => {
  test("holds when the Decide reached it", () =>
    expect(decisionReceived, runOf(committedOne()), "holds"));
  test("holds when a query's answer told it", () => {
    const run = committedOne();
    run.messages[3] = decide(1, "node-2", "COMMIT", 30, "blackhole");
    run.messages.push(query(1, "node-2", "COMMIT"));
    expect(decisionReceived, runOf(run), "holds");
  });
  test("violated when it committed with no COMMIT received", () => {
    const run = committedOne();
    run.messages[3] = decide(1, "node-2", "COMMIT", 30, "blackhole");
    expect(decisionReceived, runOf(run), "violated");
  });
  test("violated when it aborted on its own after YES", () => {
    const run = committedOne();
    run.finals[2] = finalRead("node-2", [txn(1, "ABORTED", "YES")]);
    run.messages.pop();
    expect(decisionReceived, runOf(run), "violated");
  });
  test("inconclusive while nothing YES-voted was decided", () =>
    expect(
      decisionReceived,
      runOf({
        messages: [prepare(1, "node-1", "NO")],
        finals: [finalRead("node-1", [txn(1, "ABORTED", "NO")])],
      }),
      "inconclusive",
    ));
});

describe("votes durable", () => {
  test("holds when the final state keeps each vote", () =>
    expect(votesDurable, runOf(committedOne()), "holds"));
  test("violated when a YES was forgotten", () => {
    const run = committedOne();
    run.finals[1] = finalRead("node-1", []);
    expect(votesDurable, runOf(run), "violated");
  });
  test("violated when a YES became unspecified", () => {
    const run = committedOne();
    run.finals[1] = finalRead("node-1", [txn(1, "ABORTED")]);
    expect(votesDurable, runOf(run), "violated");
  });
  test("a NO may be kept as an abort without a vote", () =>
    expect(
      votesDurable,
      runOf({
        messages: [prepare(2, "node-1", "NO")],
        finals: [finalRead("node-1", [txn(2, "ABORTED")])],
      }),
      "holds",
    ));
  test("inconclusive without final states", () =>
    expect(votesDurable, runOf({ messages: committedOne().messages }), "inconclusive"));
});

describe("in-doubt resolved", () => {
  test("holds when every node decided alike", () =>
    expect(inDoubtResolved, runOf(committedOne()), "holds"));
  test("violated when a participant is still prepared", () => {
    const run = committedOne();
    run.finals[2] = finalRead("node-2", [txn(1, "PREPARED", "YES")]);
    expect(inDoubtResolved, runOf(run), "violated");
  });
  test("violated when a participant does not list a decided transaction", () => {
    const run = committedOne();
    run.finals[1] = finalRead("node-1", []);
    expect(inDoubtResolved, runOf(run), "violated");
  });
  test("violated when the coordinator is still pending", () => {
    const run = committedOne();
    run.finals[0] = finalRead("node-0", [txn(1, "COMMITTED"), txn(2, "PENDING")]);
    expect(inDoubtResolved, runOf(run), "violated");
  });
  test("inconclusive without every final state", () =>
    expect(inDoubtResolved, runOf({ finals: committedOne().finals.slice(1) }), "inconclusive"));
});

describe("total", () => {
  const read = (amounts: number[]) =>
    answered(
      "read",
      5,
      "COMMITTED",
      ["a", "b", "c", "d"].map((account, i) => ({ account, amount: amounts[i] ?? 0 })),
    );
  test("holds when reads and final balances sum to 400", () =>
    expect(total, runOf({ ...committedOne(), history: [read([90, 110, 100, 100])] }), "holds"));
  test("violated by a read that does not sum to 400", () =>
    expect(total, runOf({ history: [read([95, 100, 100, 100])] }), "violated"));
  test("violated by final balances that lost money", () => {
    const run = committedOne();
    run.finals[1] = finalRead(
      "node-1",
      [txn(1, "COMMITTED", "YES")],
      [
        { account: "a", amount: 95 },
        { account: "b", amount: 100 },
      ],
    );
    expect(total, runOf(run), "violated");
  });
  test("violated by a read missing an account", () =>
    expect(
      total,
      runOf({ history: [answered("read", 5, "COMMITTED", [{ account: "a", amount: 400 }])] }),
      "violated",
    ));
  test("an aborted read is no evidence", () =>
    expect(total, runOf({ history: [answered("read", 5, "ABORTED")] }), "inconclusive"));
});

describe("all YES commits", () => {
  test("holds when prompt YES votes committed", () =>
    expect(allYesCommits, runOf(committedOne()), "holds"));
  test("violated when prompt YES votes with no fault aborted", () => {
    const run = committedOne();
    run.messages = [
      prepare(1, "node-1", "YES"),
      prepare(1, "node-2", "YES"),
      decide(1, "node-1", "ABORT"),
    ];
    run.finals = [finalRead("node-0", [txn(1, "ABORTED")])];
    expect(allYesCommits, runOf(run), "violated");
  });
  test("inconclusive when a fault was in force", () => {
    const run = {
      ...committedOne(),
      faults: [{ startMs: T0 + 500, endMs: T0 + 800, description: "cut" }],
    };
    run.finals[0] = finalRead("node-0", [txn(1, "ABORTED")]);
    expect(allYesCommits, runOf(run), "inconclusive");
  });
  test("inconclusive when a vote came late", () => {
    const run = committedOne();
    run.messages[1] = prepare(1, "node-2", "YES", 600);
    run.finals[0] = finalRead("node-0", [txn(1, "ABORTED")]);
    expect(allYesCommits, runOf(run), "inconclusive");
  });
});
