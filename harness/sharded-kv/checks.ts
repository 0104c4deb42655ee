// Both sharded-kv problems' checks, in report order: the views against the memberships the
// judge sent (installed, the statement's owners, agreement), where the nodes forwarded, how
// keys moved and balanced, then what the clients saw (reads, and no lost write in the final
// reads). Each statement argues each one.
import { inconclusive, type PropertyResult } from "../../shared/check/property.ts";
import type { Check } from "../problem.ts";
import type { RunRecord } from "../run-record.ts";
import type { StatBounds } from "./bounds.ts";
import type { ShardOp } from "./client.ts";
import { checkAgreement } from "./checks/agreement.ts";
import { checkBalance } from "./checks/balance.ts";
import { checkForwarding } from "./checks/forwarding.ts";
import { checkMoves } from "./checks/moves.ts";
import { checkOwners, type OwnerFunction } from "./checks/owners.ts";
import { checkNoLostWrite, checkReads } from "./checks/reads.ts";
import { checkViewsInstalled } from "./checks/views-installed.ts";
import { shardRecordOf, type ShardRecord } from "./record.ts";

export interface SchemeChecks {
  /** "the statement's ring": how messages name the owner function. */
  scheme: string;
  /** The statement's owner function for the run, or why there is none (a bad declaration). */
  ownerFunction(record: ShardRecord): OwnerFunction | string;
  /** The statistical bounds for the run, or why there are none. */
  bounds(record: ShardRecord): StatBounds | string;
  /** The scheme's own checks, first (consistent hashing: the declared vnode count). */
  own?: readonly Check<ShardOp>[];
}

const onRecord =
  (check: (record: ShardRecord, run: RunRecord<ShardOp>) => PropertyResult) =>
  (run: RunRecord<ShardOp>): PropertyResult =>
    check(shardRecordOf(run), run);

export function shardedKvChecks(scheme: SchemeChecks): Check<ShardOp>[] {
  const withBounds = (name: string, check: (r: ShardRecord, b: StatBounds) => PropertyResult) =>
    onRecord((record) => {
      const bounds = scheme.bounds(record);
      return typeof bounds === "string" ? inconclusive(name, bounds) : check(record, bounds);
    });
  return [
    ...(scheme.own ?? []),
    {
      name: "view installed",
      required: true,
      run: onRecord((record, run) => checkViewsInstalled(record, run.nodes, run.originMs)),
    },
    {
      name: "owners",
      required: true,
      run: onRecord((record) => {
        const owners = scheme.ownerFunction(record);
        return typeof owners === "string"
          ? inconclusive("owners", owners)
          : checkOwners(record, owners, scheme.scheme);
      }),
    },
    { name: "agreement", required: false, run: onRecord(checkAgreement) },
    {
      name: "forwarding",
      required: false,
      run: onRecord((record, run) => {
        const owners = scheme.ownerFunction(record);
        return typeof owners === "string"
          ? inconclusive("forwarding", owners)
          : checkForwarding(record, run.messages, owners, scheme.scheme);
      }),
    },
    { name: "moves", required: false, run: withBounds("moves", checkMoves) },
    { name: "balance", required: false, run: withBounds("balance", checkBalance) },
    {
      name: "reads",
      required: true,
      run: (run) => checkReads(run.history, run.finalReads, run.originMs),
    },
    {
      name: "no lost write",
      required: true,
      run: (run) => checkNoLostWrite(run.history, run.finalReads, run.originMs),
    },
  ];
}
