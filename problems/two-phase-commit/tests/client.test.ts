// The codec reads answers whether the channel gives enums as numbers (harness/any-node's
// loader today) or as names.
import assert from "node:assert/strict";
import { test } from "vitest";
import { CODEC, type TxnOp } from "../client.ts";

const op = (f: TxnOp["f"]): TxnOp =>
  ({ id: 1, client: "c0", f, outcome: "info", startMs: 0, endMs: null, attempts: [] }) as TxnOp;

test("enum numbers and names read alike", () => {
  for (const [outcome, status, vote] of [
    [1, 2, 1],
    ["OUTCOME_COMMITTED", "STATUS_PREPARED", "YES"],
  ] as const) {
    const transfer = op("transfer");
    CODEC.answered(transfer, { txn_id: 7, outcome, balances: [] });
    assert.deepEqual(transfer.output, { txn_id: 7, outcome: "OUTCOME_COMMITTED", balances: [] });
    const state = op("state");
    CODEC.answered(state, { balances: [], txns: [{ txn_id: 7, status, vote }] });
    assert.deepEqual(state.output, {
      balances: [],
      txns: [{ txn_id: 7, status: "STATUS_PREPARED", vote: "YES" }],
    });
  }
});

test("requests carry the client's identity, a transfer its accounts, State nothing", () => {
  const transfer = {
    ...op("transfer"),
    sequence: 4,
    value: { source: "a", target: "c", amount: 3 },
  };
  assert.deepEqual(CODEC.request(transfer, "run-c0"), {
    client_id: "run-c0",
    sequence: 4,
    source: "a",
    target: "c",
    amount: 3,
  });
  assert.equal(CODEC.method(op("read")), "ReadAll");
  assert.deepEqual(CODEC.request(op("state"), "x"), {});
});
