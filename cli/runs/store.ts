// The judge home's store as `runs` and `show` read it: opened only when it exists (listing
// nothing makes no database), and a run found by id, unique prefix or "latest".
import { existsSync, readlinkSync } from "node:fs";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import { outcomeOf, type SubmissionOutcome } from "../../shared/domain/outcome.ts";
import type { Submission } from "../../shared/domain/submission.ts";
import type { JudgeHome } from "../../shared/pipeline/home.ts";
import { LATEST_LINK } from "../../shared/pipeline/run-links.ts";
import type { StoredResult } from "../../shared/ports/store.ts";

/** Runs `use` on the home's store, or returns `empty` when the home has none yet. */
export async function withStore<T>(
  home: JudgeHome,
  empty: T,
  use: (store: LocalStore) => Promise<T>,
): Promise<T> {
  if (!existsSync(home.dbPath)) return empty;
  const store = new LocalStore({ path: home.dbPath });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The overall verdict from the stored results; none while the run is still going. */
export function outcomeFrom(
  s: Pick<Submission, "status" | "scenarios">,
  results: readonly StoredResult[],
): SubmissionOutcome | undefined {
  return outcomeOf(
    s.status,
    results.map((r) => r.result),
    s.scenarios.length,
  );
}

export type Found = { submission: Submission } | { error: string };

/** The run `key` names: "latest", an id, or a prefix of exactly one id. */
export async function findRun(home: JudgeHome, store: LocalStore, key: string): Promise<Found> {
  let id = key;
  if (key === LATEST_LINK) {
    // The link lives where a run's folder would; a home from before it had one has none,
    // and then the newest run in the store is the latest.
    const link = home.runDir(LATEST_LINK);
    const newest = existsSync(link) ? readlinkSync(link) : (await store.list({ limit: 1 }))[0]?.id;
    if (!newest) return { error: `no runs yet in ${home.root}` };
    id = newest;
  }
  const exact = await store.get(id);
  if (exact) return { submission: exact };
  const matches = (await store.list()).filter((s) => s.id.startsWith(id));
  if (matches.length === 0) return { error: `no run ${key} (clusterjudge runs lists them)` };
  if (matches.length > 1) {
    const ids = matches.slice(0, 5).map((s) => s.id);
    return {
      error: `${key} names ${matches.length} runs (${ids.join(", ")}${matches.length > 5 ? ", …" : ""}): give more of the id`,
    };
  }
  const one = await store.get(matches[0]!.id);
  return one ? { submission: one } : { error: `run ${matches[0]!.id} vanished` };
}
