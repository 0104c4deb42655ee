// Submissions that finished before the outcome was stored (domain/outcome.ts) get it once,
// when a store opens their file, from their status and stored results: every listing, filter
// and view then reads it the same way for old runs and new.
import type Database from "better-sqlite3";
import { outcomeOf } from "../../../domain/outcome.ts";
import type { ScenarioResult } from "../../../domain/result.ts";
import { STATUSES, isTerminal } from "../../../domain/status.ts";
import type { Submission } from "../../../domain/submission.ts";

const TERMINAL = STATUSES.filter(isTerminal);

/** Stores the outcome of every finished submission without one; returns how many. */
export function backfillOutcomes(db: Database.Database): number {
  const missing = db.prepare(
    `SELECT id, doc FROM submissions
     WHERE status IN (${TERMINAL.map(() => "?").join(",")})
       AND json_type(doc, '$.outcome') IS NULL`,
  );
  const results = db.prepare("SELECT doc FROM results WHERE submission_id = ? ORDER BY idx");
  const update = db.prepare("UPDATE submissions SET doc = ? WHERE id = ?");
  // Most opens find none: only then is the write lock taken.
  if (missing.all(...TERMINAL).length === 0) return 0;
  return db
    .transaction((): number => {
      const rows = missing.all(...TERMINAL) as { id: string; doc: string }[];
      for (const row of rows) {
        const s = JSON.parse(row.doc) as Submission;
        const stored = (results.all(row.id) as { doc: string }[]).map(
          (r) => JSON.parse(r.doc) as ScenarioResult,
        );
        const outcome = outcomeOf(s.status, stored, s.scenarios.length);
        update.run(JSON.stringify({ ...s, outcome }), row.id);
      }
      return rows.length;
    })
    .immediate();
}
