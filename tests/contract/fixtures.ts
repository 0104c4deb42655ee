// Submissions and results for the contract suites: plain data, valid by the domain's rules.
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { Submission } from "../../shared/domain/submission.ts";

let counter = 0;

/** A queued submission with a unique id. */
export function aSubmission(overrides: Partial<Submission> = {}): Submission {
  counter += 1;
  const now = Date.now();
  return {
    id: `contract-${process.pid}-${now}-${counter}`,
    problemId: 1,
    problem: "raft",
    language: "python",
    files: { "server.py": "print('hello')\n" },
    seed: 7,
    scenarios: ["leader_election", "log_replication"],
    status: "queued",
    createdAt: now,
    updatedAt: now,
    stageTimes: { queued: now },
    ...overrides,
  };
}

export function aResult(name: string, verdict: ScenarioResult["verdict"] = "pass"): ScenarioResult {
  return {
    name,
    verdict,
    reason: verdict === "pass" ? "every check held" : "a stale read",
    durationMs: 1234,
    seed: 7,
    stats: { ops: 10, ok: 9, fail: 1, unknown: 0, latencyP50Ms: 3, latencyP99Ms: 9, rpcsPerOp: 4 },
    evidence: { history: "history.jsonl" },
  };
}
