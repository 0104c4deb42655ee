// What `clusterjudge --help` shows after the commands: examples, the judged problems with
// their scenarios, and the exit statuses (from shared/domain/outcome.ts EXIT_CODES, so the
// help, the README and the code agree).
import { REGISTRY } from "../problems/registry.ts";
import { EXIT_CODES } from "../shared/domain/outcome.ts";
import { alignedRows } from "./table.ts";

/** What each exit status means, for every command that ends in a verdict or a check. */
export const EXIT_MEANINGS: Readonly<Record<keyof typeof EXIT_CODES, string>> = {
  accepted: "accepted: every scenario passed (check: every history is linearizable)",
  rejected:
    "wrong answer or inconclusive: a scenario failed, or was not shown correct (check: a history is not linearizable, or its check gave up)",
  usage: "usage error: a bad command, option or argument, or a submission refused as given",
  submissionError: "the submission's own build or deploy failed",
  judgeError: "the judge itself failed: not the submission's fault",
};

export function exitStatusLines(): string[] {
  const rows = (Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[])
    .sort((a, b) => EXIT_CODES[a] - EXIT_CODES[b])
    .map((key) => [String(EXIT_CODES[key]), EXIT_MEANINGS[key]]);
  return alignedRows(rows);
}

const EXAMPLES: readonly [string, string][] = [
  ["clusterjudge problems", "the problems, their scenarios and languages"],
  ["clusterjudge init raft python my-raft", "start from the Python template in ./my-raft"],
  ["clusterjudge judge --problem raft --language python my-raft", "judge it: every scenario"],
  [
    "clusterjudge judge --problem raft --language python --scenario leader_election my-raft",
    "one scenario only",
  ],
  ["clusterjudge runs", "past runs, newest first, with their verdicts"],
  ["clusterjudge show latest", "the newest run's table and the paths to its reports"],
  [
    "clusterjudge check .clusterjudge/runs/latest/scenarios/leader_election/history.json",
    "replay a history through the linearizability checker",
  ],
  ["clusterjudge serve --port 8080", "the web UI and its API on http://127.0.0.1:8080"],
];

export function programHelp(): string {
  const examples = EXAMPLES.flatMap(([command, what]) => [`  $ ${command}`, `      ${what}`]);
  const problems = REGISTRY.map(
    (p) => `  ${p.slug} (${p.nodeCount} nodes): ${Object.keys(p.plans).join(", ")}`,
  );
  return [
    "",
    "Examples:",
    ...examples,
    "",
    "Judged problems and their scenarios (clusterjudge problems lists every problem):",
    ...problems,
    "",
    "Exit status:",
    ...exitStatusLines().map((l) => `  ${l}`),
    "",
    "Runs are kept in the judge home: $CLUSTERJUDGE_HOME, by default .clusterjudge/ in the repository.",
  ].join("\n");
}
