// Which run folders `clusterjudge gc` removes: pure, so the policy is tested on its own.
// A finished run goes when it finished more than maxAgeDays ago, when newer finished runs
// fill the `keep` count, or, oldest first, while all runs together take more than
// maxTotalBytes. An unfinished run is never chosen, whatever its age or size.

export interface GcPolicy {
  maxAgeDays: number;
  keep: number;
  maxTotalBytes: number;
}

/** The documented defaults (README, docs/pipeline.md). */
export const DEFAULT_GC_POLICY: GcPolicy = {
  maxAgeDays: 30,
  keep: 100,
  maxTotalBytes: 5 * 2 ** 30,
};

export interface RunFolder {
  id: string;
  bytes: number;
  /** The submission's status, or "unknown" for a folder judge.db does not know. */
  status: string;
  /** When it finished (epoch ms), or null while unfinished: such a run is never removed. */
  finishedAtMs: number | null;
}

export interface Prune {
  run: RunFolder;
  why: string;
}

const DAY_MS = 86_400_000;

export const gib = (bytes: number): string =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The runs to remove, oldest first, each with the rule that chose it. */
export function choosePrunes(runs: readonly RunFolder[], policy: GcPolicy, nowMs: number): Prune[] {
  const finished = runs
    .filter((r): r is RunFolder & { finishedAtMs: number } => r.finishedAtMs !== null)
    .sort((a, b) => b.finishedAtMs - a.finishedAtMs);
  const chosen = new Map<string, Prune>();
  finished.forEach((run, newer) => {
    const days = (nowMs - run.finishedAtMs) / DAY_MS;
    if (days > policy.maxAgeDays) {
      chosen.set(run.id, {
        run,
        why: `finished ${Math.floor(days)} days ago (more than ${policy.maxAgeDays})`,
      });
    } else if (newer >= policy.keep) {
      chosen.set(run.id, { run, why: `${newer} newer finished runs (${policy.keep} are kept)` });
    }
  });
  const total = runs.reduce((sum, r) => sum + r.bytes, 0);
  let left = total - [...chosen.values()].reduce((sum, p) => sum + p.run.bytes, 0);
  for (const run of [...finished].reverse()) {
    if (left <= policy.maxTotalBytes) break;
    if (chosen.has(run.id)) continue;
    chosen.set(run.id, {
      run,
      why: `the runs take ${gib(total)} (at most ${gib(policy.maxTotalBytes)} are kept)`,
    });
    left -= run.bytes;
  }
  return [...chosen.values()].sort((a, b) => (a.run.finishedAtMs ?? 0) - (b.run.finishedAtMs ?? 0));
}
