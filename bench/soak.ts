// `npm run bench -- soak [--problem SLUG]`: judges each problem's reference SOAK_RUNS times
// (default 10), each with a new seed, through the CLI, and prints the tally per scenario.
// A reference must pass every scenario of every run; a failing seed is printed to replay.
// SOAK_SCENARIOS=name,name limits each run to those scenarios; SOAK_LANGUAGE=go judges the
// reference ported to that language (problems/<slug>/reference/<language>/) where there is
// one, TypeScript's by default. Beside the tally: what the
// efficiency and stable-latency checks measured, min – max over the runs (soak-measures.ts).
import { existsSync } from "node:fs";
import { LANGUAGES, type Language } from "../languages/registry.ts";
import { referenceDirOf } from "../problems/paths.ts";
import { judgeFolder } from "../tests/integration/judge/run-cli.ts";
import type { BenchOptions } from "./options.ts";
import { addMeasures, measureColumns, type Measures } from "./soak-measures.ts";

const RUNS_DEFAULT = 10;

export default async function soak({ problems }: BenchOptions): Promise<void> {
  const runs = Number(process.env.SOAK_RUNS ?? RUNS_DEFAULT);
  const firstSeed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
  const language = (process.env.SOAK_LANGUAGE ?? "typescript") as Language;
  if (!LANGUAGES.includes(language))
    throw new Error(`SOAK_LANGUAGE=${language}: not one of ${LANGUAGES.join(", ")}`);
  for (const problem of problems) {
    const dir = referenceDirOf(problem.slug, language);
    if (!existsSync(dir)) {
      console.log(`${problem.slug}: no ${language} reference (${dir}), skipped`);
      continue;
    }
    const only = process.env.SOAK_SCENARIOS?.split(",").filter(Boolean);
    const names = Object.keys(problem.plans).filter((n) => !only || only.includes(n));
    const tally = new Map(names.map((n) => [n, { pass: 0, fail: 0, unknown: 0, ms: 0 }]));
    const failures: string[] = [];
    const measures: Measures = new Map();
    const started = Date.now();
    let outside = 0;
    for (let i = 0; i < runs; i++) {
      const seed = firstSeed + i;
      const runStarted = Date.now();
      const { status, summary, stderr } = await judgeFolder({
        problem: problem.slug,
        language,
        dir,
        seed,
        ...(only ? { scenarios: names } : {}),
        inspect: async (outcome) => {
          if (outcome.summary) await addMeasures(measures, outcome.summary.reportPath);
        },
      });
      if (!summary) {
        failures.push(
          `seed ${seed}: no verdict (exit ${status}): ${stderr.trim().split("\n").at(-1)}`,
        );
        continue;
      }
      let inside = 0;
      for (const s of summary.scenarios) {
        const t = tally.get(s.name);
        if (!t) continue;
        t[s.verdict]++;
        t.ms += s.durationMs;
        inside += s.durationMs;
        if (s.verdict !== "pass")
          failures.push(`seed ${seed} ${s.name}: ${s.verdict}: ${s.reason}`);
      }
      outside += Date.now() - runStarted - inside;
      const passed = summary.scenarios.filter((s) => s.verdict === "pass").length;
      console.log(
        `${problem.slug} run ${i + 1}/${runs} seed ${seed}: ${passed}/${summary.scenarios.length} passed`,
      );
    }
    console.log(
      `\nreference ${problem.slug} (${language}), ${runs} runs from seed ${firstSeed}, ${((Date.now() - started) / 60000).toFixed(1)} min (outside the scenarios: build, deploy, teardown, start-up: ${(outside / runs / 1000).toFixed(1)} s a run)`,
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
            ...measureColumns(measures, name),
          },
        ]),
      ),
    );
    for (const f of failures) console.log(`✖ ${f}`);
  }
}
