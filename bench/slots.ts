// `npm run bench -- slots`: two reference Raft submissions judged at once (K = 2) against one
// after the other (K = 1), round after round (SLOTS_ROUNDS, default 5) on the scenarios in
// SLOTS_SCENARIOS (default three that fault the cluster most, comma-separated; `all` for
// every one). A row per round and mode: the wall time, each submission's verdict, and the
// most submissions that held a slot at once. Verdicts must not change with K.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createScenarioRunner } from "../harness/index.ts";
import { LocalCluster } from "../shared/adapters/local/cluster/local-cluster.ts";
import type { Submission } from "../shared/domain/submission.ts";
import { REPO_ROOT, judgeHome } from "../shared/pipeline/home.ts";
import { LocalPipeline } from "../shared/pipeline/local-pipeline.ts";
import { readSubmissionDir } from "../shared/pipeline/read-submission-dir.ts";

const DEFAULT_SCENARIOS = ["leader_election", "network_partition", "leader_churn"];

async function judgeTwo(slots: number, scenarios: string[] | undefined, seed: number) {
  const root = mkdtempSync(join(tmpdir(), "cj-bench-slots-"));
  const cluster = new LocalCluster();
  const pipeline = new LocalPipeline({
    home: judgeHome({ CLUSTERJUDGE_HOME: root }),
    cluster,
    scenarios: createScenarioRunner(),
    slots,
    warn: (m) => console.error(`warning: ${m}`),
  });
  const { files } = readSubmissionDir(join(REPO_ROOT, "problems/raft/reference/typescript"));
  const input = {
    problem: "raft",
    language: "typescript",
    files,
    ...(scenarios ? { scenarios } : {}),
  };
  const started = Date.now();
  try {
    const made = [
      await pipeline.accept({ ...input, seed }, "first"),
      await pipeline.accept({ ...input, seed: seed + 1 }, "second"),
    ];
    pipeline.start();
    const done = await Promise.all(made.map((s) => pipeline.waitFor(s.id)));
    return { wallS: (Date.now() - started) / 1000, done };
  } finally {
    await pipeline.close();
    await cluster.teardownAll();
    rmSync(root, { recursive: true, force: true });
  }
}

function verdict(s: Submission): string {
  return s.outcome ? `${s.outcome.verdict} ${s.outcome.passed}/${s.outcome.total}` : s.status;
}

/** Whether the two held their slots at the same time at any moment. */
function overlapped([a, b]: Submission[]): boolean {
  const held = (s: Submission) => [s.stageTimes.building ?? 0, s.tornDownAt ?? s.updatedAt];
  const [a0, a1] = held(a!);
  const [b0, b1] = held(b!);
  return a0! < b1! && b0! < a1!;
}

export default async function (): Promise<void> {
  const rounds = Number(process.env["SLOTS_ROUNDS"] ?? 5);
  const named = process.env["SLOTS_SCENARIOS"];
  const scenarios = named === "all" ? undefined : (named?.split(",") ?? DEFAULT_SCENARIOS);
  console.log(`scenarios: ${scenarios?.join(", ") ?? "all"}; ${rounds} rounds`);
  console.log("| round | K | wall (s) | first | second | at once |");
  console.log("|---|---|---|---|---|---|");
  const walls: Record<number, number[]> = { 1: [], 2: [] };
  let changed = 0;
  for (let round = 1; round <= rounds; round++) {
    const seed = 1000 * round;
    const byK: Record<number, string[]> = {};
    for (const slots of [2, 1]) {
      const { wallS, done } = await judgeTwo(slots, scenarios, seed);
      walls[slots]!.push(wallS);
      byK[slots] = done.map(verdict);
      const cells = [
        round,
        slots,
        wallS.toFixed(1),
        ...byK[slots],
        overlapped(done) ? "yes" : "no",
      ];
      console.log(`| ${cells.join(" | ")} |`);
    }
    if (JSON.stringify(byK[1]) !== JSON.stringify(byK[2])) changed += 1;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `\nmean wall: K=2 ${mean(walls[2]!).toFixed(1)} s, K=1 ${mean(walls[1]!).toFixed(1)} s ` +
      `(${((1 - mean(walls[2]!) / mean(walls[1]!)) * 100).toFixed(0)}% less at once); ` +
      `verdicts changed with K in ${changed} of ${rounds} rounds`,
  );
}
