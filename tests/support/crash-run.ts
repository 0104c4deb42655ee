// Crash anywhere, lose nothing: one submission judged by a local judge in a child process
// (tests/unit/pipeline/fixtures/run-pipeline.ts: the real builder and local cluster, a short
// status-checking scenario runner) that is SIGKILLed at seeded points, each judge after the
// first resuming the store's work, until one finishes it. A kill point is "after the k-th
// change the submission showed since this judge started (a status, a result), then d ms", so
// points fall in every step: the submit handler, the build, the deploy, each scenario, the
// teardown. Then the
// run is checked: a terminal submission, one stored result per scenario, and nothing left
// behind (no process of the judges, no network namespace or cgroup of their clusters, no file
// in the judges' temporary folder). Shared by tests/integration/pipeline/crash-anywhere.test.ts
// (a few points) and `npm run bench -- crash` (thirty and more).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { seededRandom } from "../../harness/random.ts";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import { CLUSTERS_FOLDER } from "../../shared/adapters/local/cluster/layout.ts";
import { unmountUnder } from "../../shared/adapters/local/cluster/mounts.ts";
import { isTerminal } from "../../shared/domain/status.ts";
import { judgeHome } from "../../shared/pipeline/home.ts";
import { PYTHON_NODE } from "../unit/pipeline/harness.ts";
import { clusterCgroups, netnsNames, ownerPid } from "./leftovers/sandboxes.ts";
import { environ, listPids, procStat } from "./leftovers/proc.ts";

const MARK_ENV = "CLUSTERJUDGE_CRASH_RUN";
/** The longest a judge may take to finish what is left (builds and deploys on a busy machine). */
const JUDGE_TIMEOUT_MS = 5 * 60_000;

export interface CrashRunOptions {
  seed: number;
  kills: number;
  scenarios: readonly string[];
  scenarioMs: number;
}

export interface CrashRunReport {
  submissionId: string;
  /** Each kill: which judge, after how many changes and what it was doing then. */
  kills: string[];
  status: string;
  results: string[];
  /** What was left behind: empty when the run lost and leaked nothing. */
  leftovers: string[];
}

interface Judge {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startJudge(home: string, env: NodeJS.ProcessEnv, opts: CrashRunOptions, dir?: string) {
  const script = new URL("../unit/pipeline/fixtures/run-pipeline.ts", import.meta.url).pathname;
  const args = [
    script,
    home,
    String(opts.scenarioMs),
    opts.scenarios.join(","),
    ...(dir ? [dir] : []),
  ];
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
  });
  let out = "";
  child.stdout!.on("data", (b) => (out += b));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output: () => out, exited } satisfies Judge;
}

export async function crashRun(opts: CrashRunOptions): Promise<CrashRunReport> {
  const random = seededRandom(opts.seed);
  const root = mkdtempSync(join(tmpdir(), "cj-crash-"));
  const homeDir = join(root, "home");
  // Short: the clusters' unix sockets live under it, and their paths may not pass 107 bytes.
  const judgeTmp = mkdtempSync("/tmp/cx");
  const dir = join(root, "submission");
  mkdirSync(dir);
  writeFileSync(join(dir, "main.py"), PYTHON_NODE);
  const mark = `${process.pid}-${opts.seed}-${Date.now()}`;
  const env = { ...process.env, [MARK_ENV]: mark, TMPDIR: judgeTmp };
  const home = judgeHome({ CLUSTERJUDGE_HOME: homeDir });
  const judgePids = new Set<number>();
  const kills: string[] = [];
  let store: LocalStore | null = null;
  try {
    let judge = startJudge(homeDir, env, opts, dir);
    judgePids.add(judge.child.pid ?? 0);
    const id = await until(
      "the submission to be accepted",
      () => /accepted (\S+)/.exec(judge.output())?.[1],
    );
    store = new LocalStore({ path: home.dbPath, pollMs: 50 });
    let changes = 0;
    let lastSeen = "";
    const unwatch = store.watch(id, (change) => {
      // Progress comes ten times a second while a scenario runs: counted, points would crowd
      // into the scenarios; the steps show as status changes and results.
      if (change.kind === "progress") return;
      changes += 1;
      lastSeen =
        change.kind === "submission"
          ? `status ${change.submission.status}`
          : `result ${change.stored.index}`;
    });
    try {
      for (let k = 0; k < opts.kills; k++) {
        // Within what is left of an uninterrupted run's changes (queued, building, deploying,
        // testing, a result per scenario, the verdict, the teardown), so kills spread over
        // every step instead of most falling past the end.
        const total = 6 + opts.scenarios.length;
        const after = random.int(1, Math.max(1, total - changes));
        const delayMs = random.int(0, 1_500);
        const from = changes;
        let finished = false;
        void judge.exited.then(() => (finished = true));
        await until(`change ${after}`, () =>
          finished || changes - from >= after ? true : undefined,
        );
        if (finished) break;
        await sleep(delayMs);
        const doing = lastSeen;
        judge.child.kill("SIGKILL");
        await judge.exited;
        kills.push(
          `judge ${k + 1} (pid ${judge.child.pid}): after ${after} changes (${doing}) and ${delayMs} ms`,
        );
        judge = startJudge(homeDir, env, opts);
        judgePids.add(judge.child.pid ?? 0);
      }
      const code = await withTimeout(judge.exited, JUDGE_TIMEOUT_MS, "the last judge");
      if (code !== 0) throw new Error(`the last judge exited ${code}:\n${judge.output()}`);
    } finally {
      unwatch();
    }
    const final = await store.get(id);
    const results = (await store.listResults(id)).map((r) => r.result.name);
    return {
      submissionId: id,
      kills,
      status: final && isTerminal(final.status) ? final.status : `not terminal: ${final?.status}`,
      results,
      leftovers: leftBehind(mark, judgePids, judgeTmp),
    };
  } finally {
    for (const pid of judgePids) killQuietly(pid);
    await store?.close();
    rmSync(root, { recursive: true, force: true });
    // A cluster folder left behind (reported above) may hold a node's mounted DATA_DIR.
    await unmountUnder(judgeTmp);
    rmSync(judgeTmp, { recursive: true, force: true });
  }
}

/** What the judges left: their processes, their clusters' namespaces and cgroups, temp files. */
function leftBehind(mark: string, judgePids: ReadonlySet<number>, judgeTmp: string): string[] {
  const left: string[] = [];
  for (const pid of listPids()) {
    const stat = procStat(pid);
    if (!stat || stat.state === "Z") continue;
    if (environ(pid)?.includes(`${MARK_ENV}=${mark}`)) left.push(`process ${pid}`);
  }
  const ours = (name: string) => judgePids.has(ownerPid(name) ?? -1);
  for (const name of netnsNames().filter(ours)) left.push(`network namespace ${name}`);
  for (const dir of clusterCgroups().filter(ours)) left.push(`cgroup ${dir}`);
  // tsx keeps its compile cache there on purpose (tsx-<uid>), and the local clusters their
  // root folder: what is inside that root (a cluster's folder) would be left behind.
  for (const name of readdirSync(judgeTmp).filter((n) => !n.startsWith("tsx-"))) {
    if (name !== CLUSTERS_FOLDER) left.push(`temporary ${name}`);
  }
  for (const name of readdirSafe(join(judgeTmp, CLUSTERS_FOLDER)))
    left.push(`cluster folder ${name}`);
  return left;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone already
  }
}

async function until<T>(what: string, found: () => T | undefined): Promise<T> {
  const deadline = Date.now() + JUDGE_TIMEOUT_MS;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(ms, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`${what} did not finish in ${ms / 1000} s`);
      }),
    ]);
  } finally {
    timer.abort();
  }
}
