// `npm run bench -- crash`: the crash test at scale (tests/support/crash-run.ts). Submissions
// judged by judges SIGKILLed at up to three seeded points in a row and resumed, until thirty
// kills (CRASH_POINTS=<n>; CRASH_SEED=<n> the first seed). A row per submission: where each
// kill fell, the final status, whether every scenario has its one result, and anything left
// behind.
import { crashRun } from "../tests/support/crash-run.ts";

const SCENARIOS = ["first", "second", "third"];

export default async function (): Promise<void> {
  const wanted = Number(process.env["CRASH_POINTS"] ?? 30);
  const firstSeed = Number(process.env["CRASH_SEED"] ?? 1);
  let points = 0;
  let lost = 0;
  let runs = 0;
  console.log("| seed | kills | status | one result per scenario | left behind |");
  console.log("|---|---|---|---|---|");
  // A judge that finishes before its kill point ends a run early: runs go on until enough.
  for (let seed = firstSeed; points < wanted; seed++) {
    runs += 1;
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
