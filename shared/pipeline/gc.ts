// `clusterjudge gc`: measures the run folders under the judge home (runs/<id>: source,
// build, evidence), asks judge.db which are finished, and removes what the policy
// (gc-policy.ts) chooses. A removed run keeps its submission, verdict and results in
// judge.db; only its files go (the API then answers that its evidence is gone).
import type { Dirent } from "node:fs";
import { lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Store } from "../ports/store.ts";
import { isFinished } from "./finished.ts";
import { choosePrunes, type GcPolicy, type Prune, type RunFolder } from "./gc-policy.ts";
import type { JudgeHome } from "./home.ts";

export interface GcOutcome {
  runs: RunFolder[];
  prunes: Prune[];
  /** Bytes of every run folder before, and of those chosen. */
  totalBytes: number;
  chosenBytes: number;
  /** False for a dry run: nothing was removed. */
  removed: boolean;
}

/** Bytes under a folder (links not followed) and the newest change in it. */
async function measure(path: string): Promise<{ bytes: number; newestMs: number }> {
  const info = await lstat(path);
  let bytes = info.size;
  let newestMs = info.mtimeMs;
  if (info.isDirectory()) {
    const entries: Dirent[] = await readdir(path, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const inner = await measure(join(path, entry.name)).catch(() => ({ bytes: 0, newestMs: 0 }));
      bytes += inner.bytes;
      newestMs = Math.max(newestMs, inner.newestMs);
    }
  }
  return { bytes, newestMs };
}

export async function collectRuns(home: JudgeHome, store: Store): Promise<RunFolder[]> {
  const runsDir = join(home.root, "runs");
  // Folders first, then the store: a run's submission is stored before its folder is made,
  // so every folder seen here has its submission in the listing read after.
  const entries: Dirent[] = await readdir(runsDir, { withFileTypes: true }).catch(() => []);
  const ids = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const listed = new Map((await store.list()).map((s) => [s.id, s]));
  const runs: RunFolder[] = [];
  for (const id of ids) {
    const { bytes, newestMs } = await measure(join(runsDir, id));
    const s = listed.get(id);
    runs.push(
      s
        ? {
            id,
            bytes,
            status: s.status,
            finishedAtMs: isFinished(s) ? (s.tornDownAt ?? s.updatedAt) : null,
          }
        : // A folder judge.db does not know can be neither resumed nor served.
          { id, bytes, status: "unknown", finishedAtMs: newestMs },
    );
  }
  return runs;
}

export async function gc(
  home: JudgeHome,
  store: Store,
  policy: GcPolicy,
  opts: { remove: boolean; nowMs: number },
): Promise<GcOutcome> {
  const runs = await collectRuns(home, store);
  const prunes = choosePrunes(runs, policy, opts.nowMs);
  if (opts.remove) {
    for (const { run } of prunes) {
      // Asked again just before: finished stays finished, but say so where it counts.
      const now = await store.get(run.id);
      if (now && !isFinished(now)) continue;
      await rm(join(home.root, "runs", run.id), { recursive: true, force: true });
    }
  }
  const sum = (list: readonly RunFolder[]) => list.reduce((s, r) => s + r.bytes, 0);
  return {
    runs,
    prunes,
    totalBytes: sum(runs),
    chosenBytes: sum(prunes.map((p) => p.run)),
    removed: opts.remove,
  };
}
