// Every sharded-kv scenario, in the statements' order (both problems run them all).
import type { ScenarioPlan } from "../../plan.ts";
import type { ShardWorkload } from "../workload.ts";
import { crashRestart } from "./crash-restart.ts";
import { forwarderCut } from "./forwarder-cut.ts";
import { handoffCut } from "./handoff-cut.ts";
import { joinUnderLoad } from "./join-under-load.ts";
import { leaveUnderLoad } from "./leave-under-load.ts";
import { staleView } from "./stale-view.ts";
import { steady } from "./steady.ts";

export const SHARD_PLANS: Readonly<Record<string, (seed: number) => ScenarioPlan<ShardWorkload>>> =
  {
    steady,
    join_under_load: joinUnderLoad,
    leave_under_load: leaveUnderLoad,
    crash_restart: crashRestart,
    stale_view: staleView,
    handoff_cut: handoffCut,
    forwarder_cut: forwarderCut,
  };
