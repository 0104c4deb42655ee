// The outcome of one scenario: what the test-runner stores and every report shows.

/**
 * pass: every property held. fail: one was violated. unknown: a required property had no
 * evidence or its check hit a bound. error: the judge itself went wrong during the
 * scenario (an error nobody caught), so nothing is claimed about the submission.
 */
export type Verdict = "pass" | "fail" | "unknown" | "error";

export interface ScenarioStats {
  ops: number;
  ok: number;
  fail: number;
  unknown: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Peer RPCs per completed client operation. */
  rpcsPerOp: number;
}

export interface ScenarioResult {
  name: string;
  verdict: Verdict;
  /** The first violated property in plain words, or why the run was inconclusive. */
  reason: string;
  /** The smallest excerpt of the history that shows the violation, as text lines. */
  excerpt?: string[];
  durationMs: number;
  seed: number;
  /** Every property checked, in report order, with what was found. */
  properties?: {
    property: string;
    status: "holds" | "violated" | "inconclusive";
    message: string;
  }[];
  stats: ScenarioStats;
  /** Paths (or URLs in the cloud) to the evidence. */
  evidence: {
    history?: string;
    messages?: string;
    faults?: string;
    logs?: Record<string, string>;
    report?: string;
    /** The linearizability counterexample as a picture, when there is one. */
    counterexample?: string;
  };
}
