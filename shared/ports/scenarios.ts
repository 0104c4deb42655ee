// The scenario port: what the test-runner step calls to run one scenario on a deployed
// cluster. The implementation resets the nodes (empty DATA_DIR, links healed) first.
import type { ClusterHandle } from "./cluster.ts";
import type { ScenarioResult } from "../domain/result.ts";

/** Live progress of one scenario, for the CLI and the UI. */
export interface ScenarioProgress {
  scenario: string;
  /** "workload", "faults", "heal", "recovery", "final reads", "checking". */
  phase: string;
  /** Faults in force now, in words ("node-2 killed", "partition {0,1} | {2,3,4}"). */
  faults: string[];
  opsDone: number;
  elapsedMs: number;
}

export interface ScenarioRunOptions {
  problem: string;
  scenario: string;
  cluster: ClusterHandle;
  seed: number;
  /** Folder where the evidence files are written. */
  evidenceDir: string;
  onProgress?: (p: ScenarioProgress) => void;
}

export interface ScenarioRunner {
  /** The problem's scenarios in their default order. */
  names(problem: string): string[];
  run(opts: ScenarioRunOptions): Promise<ScenarioResult>;
}
