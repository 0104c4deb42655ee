// Crash anywhere, lose nothing (tests/support/crash-run.ts): a judge SIGKILLed at seeded
// points, three in a row, and resumed each time; the submission ends terminal with one result
// per scenario and nothing is left behind. CI samples three points a run (the seed is
// printed; CLUSTERJUDGE_TEST_SEED replays it); `npm run bench -- crash` runs thirty and more.
import assert from "node:assert/strict";
import { test } from "vitest";
import { crashRun } from "../../support/crash-run.ts";
import { testSeed } from "../judge/run-cli.ts";

const SCENARIOS = ["first", "second", "third"];

test(
  "a judge killed at three seeded points is resumed each time and loses nothing",
  async () => {
    const seed = testSeed();
    console.log(`crash run: seed ${seed}`);
    const report = await crashRun({ seed, kills: 3, scenarios: SCENARIOS, scenarioMs: 1_000 });
    const context = `seed ${seed}; kills: ${report.kills.join("; ")}`;
    assert.equal(report.status, "completed", context);
    assert.deepEqual(report.results, SCENARIOS, context);
    assert.deepEqual(report.leftovers, [], context);
    console.log(`crash points (seed ${seed}): ${report.kills.join("; ")}`);
  },
  15 * 60_000,
);
