// DATA_DIR is no way out: symbolic links resolve inside the node's own view, hard links to
// anything outside its own file system fail, and the agent's wipe (root, on the machine)
// removes the links without following them.
import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { clusterKey, defaultRootDir } from "../../../shared/adapters/local/cluster/layout.ts";
import { deployHostile, type HostileRun } from "./hostile.ts";

describe("links out of DATA_DIR", () => {
  let run: HostileRun;
  beforeAll(async () => {
    run = await deployHostile("links");
  });
  afterAll(async () => run?.close());

  test("symbolic links see the node's view only; hard links out fail", async () => {
    await run.finding("done");
    const found = new Map((await run.findings()).map((f) => [f.check, f.result]));
    assert.equal(found.get("symlink /etc/shadow"), "ENOENT", "no /etc/shadow in its view");
    assert.deepEqual(found.get("symlink up"), ["data"], "above DATA_DIR: an empty folder");
    assert.equal(found.get("symlink agent.json"), "ENOENT");
    assert.equal(found.get("symlink / listing"), "ok", "its own root, read-only");
    assert.equal(found.get("symlink host etc"), "ok", "its own /etc");
    assert.equal(found.get("hardlink /etc/passwd"), "EXDEV");
    assert.equal(found.get("hardlink /usr/bin/python3"), "EXDEV");
  });

  test("the agent's wipe removes the links and follows none", async () => {
    const data = join(defaultRootDir(), clusterKey(run.handle.clusterId), "node-0", "data");
    assert.ok(lstatSync(join(data, "etc")).isSymbolicLink());
    const shadow = statSync("/etc/shadow");
    const etcEntries = readdirSync("/etc").length;
    await run.control().kill();
    await run.control().wipe();
    assert.deepEqual(readdirSync(data), []);
    assert.ok(existsSync("/etc/shadow") && statSync("/etc/shadow").size === shadow.size);
    assert.equal(readdirSync("/etc").length, etcEntries);
  });
});
