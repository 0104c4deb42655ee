// Live progress of one scenario into the store, at most every progressIntervalMs (a phase
// change always goes through), written in order and never failing the scenario.
import { PIPELINE_LIMITS } from "../../shared/domain/limits.ts";
import type { ScenarioProgress } from "../../shared/ports/scenarios.ts";
import type { StepPorts } from "../ports.ts";

export interface ProgressWriter {
  onProgress(p: ScenarioProgress): void;
  /** Waits for the writes under way. */
  flush(): Promise<void>;
}

export function progressWriter(
  ports: StepPorts,
  submissionId: string,
  index: number,
): ProgressWriter {
  let lastWriteMs = -Infinity;
  let lastPhase = "";
  let writing: Promise<void> = Promise.resolve();
  return {
    onProgress(p) {
      const now = ports.nowMs();
      if (p.phase === lastPhase && now - lastWriteMs < PIPELINE_LIMITS.progressIntervalMs) return;
      lastWriteMs = now;
      lastPhase = p.phase;
      const record = { ...p, faults: [...p.faults], index, atMs: now };
      writing = writing
        .then(() => ports.store.putProgress(submissionId, record))
        .catch((err) => ports.warn(`progress of ${p.scenario} was not stored: ${String(err)}`));
    },
    flush: () => writing,
  };
}
