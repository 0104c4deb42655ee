// `npm run bench -- mutants [--problem SLUG]`: judges every mutant MUTANT_RUNS times
// (default 5) on the scenario it names, each with a new seed, and prints how often it was
// caught for the named reason. The test suite runs each once; this measures how reliably.
// MUTANTS=name,name limits it to those mutants.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { materializeMutant } from "../harness/mutants.ts";
import { loadMutants, mutantReferenceDir } from "../problems/load.ts";
import { judgeFolder } from "../tests/integration/judge/run-cli.ts";
import type { BenchOptions } from "./options.ts";

const RUNS_DEFAULT = 5;

export default async function mutantCatchRate({ problems }: BenchOptions): Promise<void> {
  for (const problem of problems) await problemCatchRate(problem.slug);
}

async function problemCatchRate(slug: string): Promise<void> {
  const runs = Number(process.env.MUTANT_RUNS ?? RUNS_DEFAULT);
  const firstSeed = Number(process.env.MUTANT_SEED ?? Date.now() % 1_000_000);
  const rows: Record<
    string,
    {
      scenario: string;
      caught: string;
      "other reason": number;
      missed: number;
      "no verdict": number;
    }
  > = {};
  const misses: string[] = [];
  const only = process.env.MUTANTS?.split(",").filter(Boolean);
  for (const mutant of await loadMutants(slug)) {
    if (only && !only.includes(mutant.name)) continue;
    const dir = mkdtempSync(join(tmpdir(), `cj-bench-${mutant.name}-`));
    materializeMutant(mutant, mutantReferenceDir(slug, mutant), dir);
    let caught = 0;
    let other = 0;
    let none = 0;
    for (let i = 0; i < runs; i++) {
      const seed = firstSeed + i;
      const { summary } = await judgeFolder({
        problem: slug,
        language: mutant.language ?? "typescript",
        dir,
        seed,
        scenarios: [mutant.expectScenario],
      });
      const result = summary?.scenarios[0];
      if (result?.verdict === "fail" && new RegExp(mutant.expectReason).test(result.reason))
        caught++;
      else if (result?.verdict === "fail") {
        other++;
        misses.push(`${mutant.name} seed ${seed}: failed for another reason: ${result.reason}`);
      } else {
        // No scenario ran (a deploy that timed out on a loaded machine): not a miss.
        if (!result) none++;
        misses.push(
          `${mutant.name} seed ${seed}: ${result?.verdict ?? summary?.status ?? "no verdict"}: ${result?.reason ?? ""}`,
        );
      }
    }
    rmSync(dir, { recursive: true, force: true });
    rows[mutant.name] = {
      scenario: mutant.expectScenario,
      caught: `${caught}/${runs}`,
      "other reason": other,
      missed: runs - caught - other - none,
      "no verdict": none,
    };
    console.log(`${mutant.name}: caught ${caught}/${runs}`);
  }
  console.log(`\n${slug} mutants, ${runs} runs each from seed ${firstSeed}`);
  console.table(rows);
  for (const m of misses) console.log(`missed: ${m}`);
}
