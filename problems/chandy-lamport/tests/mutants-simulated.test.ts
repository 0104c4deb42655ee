// Each mutant's logic over the simulated network under its scenario's conditions (the
// delays, the concurrent starts, the pause, the primed transfers around every start): the
// checks must name it on every seed, the in-process side of "caught 5 of 5". The mutant that
// sends its markers from a real timer is left to the judge (markers-sent-late).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, test } from "vitest";
import { materializeMutant } from "../../../harness/mutants.ts";
import { referenceDirOf } from "../../paths.ts";
import { snapshotChecks } from "../checks.ts";
import { mutants } from "../mutants.ts";
import { simulate, type Implementation, type SimOptions } from "./simulation.ts";

const work = mkdtempSync(join(tmpdir(), "chandy-lamport-mutants-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base = { transfers: 60, amountMax: 20, callTimeoutMs: 500, durationMs: 6000, primed: true };

/** The scenarios' conditions as the simulation can state them (plans/). */
const conditions: Record<string, Omit<SimOptions, "seed">> = {
  delayed_links: { ...base, delayMs: [200, 300], snapshotGroups: 4, groupSize: 1 },
  concurrent_snapshots: { ...base, delayMs: [60, 100], snapshotGroups: 3, groupSize: 3 },
  paused_node: {
    ...base,
    delayMs: [20, 40],
    snapshotGroups: 2,
    groupSize: 1,
    startsAt: [{ atMs: 2200, node: "node-0" }],
    pause: { node: "node-1", fromMs: 2000, toMs: 4500 },
  },
};

async function load(name: string): Promise<Implementation> {
  const mutant = mutants.find((m) => m.name === name);
  assert.ok(mutant);
  const dir = join(work, name);
  materializeMutant(mutant, referenceDirOf("chandy-lamport", "typescript"), dir);
  const sender = (await import(pathToFileURL(join(dir, "channel-sender.ts")).href)) as Pick<
    Implementation,
    "ChannelSender"
  >;
  const node = (await import(pathToFileURL(join(dir, "snapshot-node.ts")).href)) as Pick<
    Implementation,
    "SnapshotNode"
  >;
  return { ChannelSender: sender.ChannelSender, SnapshotNode: node.SnapshotNode };
}

for (const mutant of mutants.filter((m) => m.name !== "markers-sent-late")) {
  test(`${mutant.name} is caught on every seed of ${mutant.expectScenario}`, async () => {
    const impl = await load(mutant.name);
    const scenario = conditions[mutant.expectScenario];
    assert.ok(scenario, mutant.expectScenario);
    for (let seed = 1; seed <= 40; seed++) {
      const run = simulate(impl, { ...scenario, seed });
      const failed = snapshotChecks
        .map((check) => check.run(run, { searchTimeoutMs: 1000 }))
        .find((r) => r.status !== "holds");
      assert.ok(failed, `seed ${seed}: every check held`);
      assert.equal(failed.status, "violated", `seed ${seed}: ${failed.message}`);
      assert.match(`${failed.property}: ${failed.message}`, new RegExp(mutant.expectReason));
    }
  });
}
