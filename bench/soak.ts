// `npm run bench -- soak`: judges the reference Raft SOAK_RUNS times (default 10), each
// with a new seed, through the CLI, and prints the tally per scenario. The reference must
// pass every scenario of every run; a failing seed is printed so it can be replayed.
import { raftPlans } from "../scenarios/raft/index.ts";
import { referenceDir } from "../tests/solutions/raft/mutants.ts";
import { judgeTypescriptRaft } from "../tests/integration/judge/run-cli.ts";

const RUNS_DEFAULT = 10;

export default async function soak(): Promise<void> {
  const runs = Number(process.env.SOAK_RUNS ?? RUNS_DEFAULT);
  const firstSeed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
  const names = Object.keys(raftPlans);
  const tally = new Map(names.map((n) => [n, { pass: 0, fail: 0, unknown: 0, ms: 0 }]));
  const failures: string[] = [];
  const started = Date.now();
  for (let i = 0; i < runs; i++) {
    const seed = firstSeed + i;
    const { status, summary, stderr } = await judgeTypescriptRaft(referenceDir, seed);
    if (!summary) {
      failures.push(
        `seed ${seed}: no verdict (exit ${status}): ${stderr.trim().split("\n").at(-1)}`,
      );
      continue;
    }
    for (const s of summary.scenarios) {
      const t = tally.get(s.name);
      if (!t) continue;
      t[s.verdict]++;
      t.ms += s.durationMs;
      if (s.verdict !== "pass") failures.push(`seed ${seed} ${s.name}: ${s.verdict}: ${s.reason}`);
    }
    const passed = summary.scenarios.filter((s) => s.verdict === "pass").length;
    console.log(`run ${i + 1}/${runs} seed ${seed}: ${passed}/${summary.scenarios.length} passed`);
  }
  console.log(
    `\nreference Raft, ${runs} runs from seed ${firstSeed}, ${((Date.now() - started) / 60000).toFixed(1)} min`,
  );
  console.table(
    Object.fromEntries(
      [...tally].map(([name, t]) => [
        name,
        {
          pass: t.pass,
          fail: t.fail,
          unknown: t.unknown,
          "mean s": +(t.ms / Math.max(1, t.pass + t.fail + t.unknown) / 1000).toFixed(1),
        },
      ]),
    ),
  );
  for (const f of failures) console.log(`✖ ${f}`);
}
