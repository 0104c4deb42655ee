// `clusterjudge runs`: the newest runs in the judge home, with their overall verdicts.
import type { SubmissionOutcome } from "../../shared/domain/outcome.ts";
import type { JudgeHome } from "../../shared/pipeline/home.ts";
import { paintFor } from "../colour.ts";
import { alignedRows } from "../table.ts";
import { outcomeFrom, withStore } from "./store.ts";
import { verdictText } from "./verdict-style.ts";

export interface ListedRun {
  id: string;
  problem: string;
  language: string;
  status: string;
  /** Epoch ms. */
  createdAt: number;
  /** Absent while the run is still going. */
  outcome?: SubmissionOutcome;
}

export async function listRuns(home: JudgeHome, limit: number, json: boolean): Promise<number> {
  const runs = await withStore(home, [] as ListedRun[], async (store) => {
    const listed = await store.list({ limit });
    return Promise.all(
      listed.map(async (s): Promise<ListedRun> => {
        const outcome = outcomeFrom(s, await store.listResults(s.id));
        const { id, problem, language, status, createdAt } = s;
        return { id, problem, language, status, createdAt, ...(outcome ? { outcome } : {}) };
      }),
    );
  });
  if (json) {
    process.stdout.write(`${JSON.stringify(runs)}\n`);
    return 0;
  }
  if (runs.length === 0) {
    process.stderr.write(`no runs yet in ${home.root}\n`);
    return 0;
  }
  const paint = paintFor(process.stdout);
  const rows = runs.map((r) => [
    r.id,
    r.problem,
    r.language,
    r.status,
    localTime(r.createdAt),
    verdictText(r.outcome, paint),
  ]);
  const lines = alignedRows([["id", "problem", "language", "status", "when", "verdict"], ...rows]);
  if (runs.length === limit) lines.push(`(the newest ${limit}: --limit shows more)`);
  lines.push("clusterjudge show <id> (or a unique prefix, or latest) shows one");
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** "2026-12-02 09:41" in the machine's time zone. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
