// Every Chandy-Lamport scenario's checks, in report order: the channels' discipline the
// others rest on, then that every snapshot completes, conserves the tokens, and records
// exactly the channel states and balances the traffic defines. statement.md argues each
// one's soundness.
import type { Check } from "../../harness/problem.ts";
import { balancesCheck } from "./checks/balances.ts";
import { channelStatesCheck } from "./checks/channel-states.ts";
import { channelsCheck } from "./checks/channels.ts";
import { completionCheck } from "./checks/completion.ts";
import { conservationCheck } from "./checks/conservation.ts";
import type { SnapshotOp } from "./client.ts";

export const snapshotChecks: readonly Check<SnapshotOp>[] = [
  channelsCheck,
  completionCheck,
  conservationCheck,
  channelStatesCheck,
  balancesCheck,
];
