// Every chain scenario's checks, in report order: the updates' path down the chain from the
// traffic, then reads and acknowledgements against the master's configurations, then what the
// clients saw. statement.md argues each one's soundness.
import type { Check } from "../../harness/problem.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import { checkKvLinearizable } from "../../harness/leader-kv/linearizability.ts";
import type { ChainConfig } from "./checks/configuration.ts";
import { checkEpochFencing } from "./checks/epoch-fencing.ts";
import { checkForwarding } from "./checks/forwarding.ts";
import type { ChainOp, ChainRun } from "./checks/history.ts";
import { checkNoGap } from "./checks/no-gap.ts";
import { checkPrefix } from "./checks/prefix.ts";
import { checkResend } from "./checks/resend.ts";
import { checkTailAppliedFirst } from "./checks/tail-applied-first.ts";
import { checkTailReads } from "./checks/tail-reads.ts";
import { checkWritesResumeAfterConfigure } from "./checks/writes-resume.ts";
import { checkRecovered } from "../../harness/leader-kv/recovery.ts";

/** The master's record, as the chain's session left it in the run (judge.ts). */
export interface MasterRecord {
  configs: ChainConfig[];
}

/** The run as the chain's checks read it: the master's configurations beside the traffic. */
export function chainRun(run: RunRecord<ChainOp>): RunRecord<ChainOp> & ChainRun {
  const record = run.problemRecord as Partial<MasterRecord> | undefined;
  return { ...run, configs: record?.configs ?? [] };
}

const onChain =
  (
    check: (run: RunRecord<ChainOp> & ChainRun) => ReturnType<Check<ChainOp>["run"]>,
  ): Check<ChainOp>["run"] =>
  (run) =>
    check(chainRun(run));

export const chainChecks: readonly Check<ChainOp>[] = [
  { name: "forwarding", required: false, run: onChain(checkForwarding) },
  { name: "prefix", required: false, run: onChain(checkPrefix) },
  { name: "no gap", required: false, run: onChain(checkNoGap) },
  { name: "resend", required: false, run: onChain(checkResend) },
  { name: "epoch fencing", required: false, run: onChain(checkEpochFencing) },
  { name: "tail reads", required: false, run: onChain(checkTailReads) },
  // Before linearizability: an early OK is the cause, a lost write what the clients see.
  { name: "tail applied first", required: false, run: onChain(checkTailAppliedFirst) },
  { name: "linearizability", required: true, run: checkKvLinearizable },
  { name: "writes resume", required: false, run: onChain(checkWritesResumeAfterConfigure) },
  { name: "recovery", required: true, run: checkRecovered },
];
