// The statement's timing bound for reconfigurations: once every member of a new chain has
// answered its Configure, writes succeed again within 5 s (state transfer included), unless
// another fault began meanwhile (harness/leader-kv/timing.ts).
import type { PropertyResult } from "../../../shared/check/property.ts";
import { LEADER_WITHIN_MS, checkWritesResume } from "../../../harness/leader-kv/timing.ts";
import type { KvRun } from "../../../harness/leader-kv/history.ts";
import type { ChainConfig } from "./configuration.ts";

/** Each configuration every member answered: when the last answer came. */
export function chainsReady(
  configs: readonly ChainConfig[],
): { atMs: number; description: string }[] {
  return configs.flatMap((c) => {
    const answers = c.chain.map((n) => c.answeredMs[n]);
    if (!answers.length || answers.some((at) => at === undefined)) return [];
    const atMs = Math.max(...(answers as number[]));
    return [
      { atMs, description: `every member answered epoch ${c.epoch} (${c.chain.join(" → ")})` },
    ];
  });
}

export function checkWritesResumeAfterConfigure(
  run: Pick<KvRun, "history" | "faults" | "endMs" | "originMs"> & { configs: ChainConfig[] },
): PropertyResult {
  const seconds = LEADER_WITHIN_MS / 1000;
  return checkWritesResume(run, chainsReady(run.configs), {
    property: `a write succeeds within ${seconds} s of a new chain`,
    held: (n) => `writes succeeded within ${seconds} s after each of ${n} configurations`,
    none: "no configuration could be timed in this run",
  });
}
