// `npm run bench -- crash`: the crash test at scale (tests/support/crash-run.ts). Ten
// submissions, each judged by judges SIGKILLed at three seeded points in a row and resumed:
// thirty kill points. A row per submission: where each kill fell, the final status, whether
// every scenario has its one result, and anything left behind. CRASH_RUNS=<n> changes the
// count, CRASH_SEED=<n> the first seed.
import { crashRun } from "../tests/support/crash-run.ts";

const SCENARIOS = ["first", "second", "third"];

export default async function (): Promise<void> {
  const runs = Number(process.env["CRASH_RUNS"] ?? 10);
  const firstSeed = Number(process.env["CRASH_SEED"] ?? 1);
  let points = 0;
  let lost = 0;
  console.log("| seed | kills | status | one result per scenario | left behind |");
  console.log("|---|---|---|---|---|");
  for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
    const r = await crashRun({ seed, kills: 3, scenarios: SCENARIOS, scenarioMs: 1_000 });
    const whole = JSON.stringify(r.results) === JSON.stringify(SCENARIOS);
    points += r.kills.length;
    if (r.status !== "completed" || !whole || r.leftovers.length) lost += 1;
    const cells = [
      seed,
      r.kills.join("<br>"),
      r.status,
      whole ? "yes" : r.results.join(","),
      r.leftovers.join(", ") || "nothing",
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
  console.log(`\n${points} kill points over ${runs} submissions; ${lost} lost or leaked something`);
}
