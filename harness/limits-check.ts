// Every problem's first property: the nodes stayed within the node contract's limits
// (memory, tasks, DATA_DIR's size). A node killed at 512 MiB fails the scenario with that
// limit as the reason, not with the symptoms its silence caused further down the report.
import { holds, violated, type PropertyResult } from "../shared/check/property.ts";
import type { Check } from "./problem.ts";
import type { RunRecord } from "./run-record.ts";

const PROPERTY = "resource limits";

export function checkLimits({
  limitHits,
  originMs,
}: Pick<RunRecord, "limitHits" | "originMs">): PropertyResult {
  if (limitHits.length === 0) return holds(PROPERTY, "no node hit its memory, task or disk limit");
  const first = limitHits.find((h) => h.killed) ?? (limitHits[0] as (typeof limitHits)[0]);
  const more = limitHits.length > 1 ? ` (${limitHits.length} limit hits in all)` : "";
  return violated(
    PROPERTY,
    `${first.message}${more}`,
    limitHits.slice(0, 5).map((h) => `${((h.atMs - originMs) / 1000).toFixed(1)} s: ${h.message}`),
  );
}

/** Not required: a run with no hit has nothing to prove here. */
export const limitsCheck: Check = { name: PROPERTY, required: false, run: checkLimits };
