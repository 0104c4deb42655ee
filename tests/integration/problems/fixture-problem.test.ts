// A problem is one folder: the echo fixture (tests/fixtures/problems/echo/) copied into
// problems/ of a copy of this repository with one line added to problems/index.ts, and no
// other edit, shows up everywhere (catalogue, scenario runner, proto path, API texts and
// templates, CLI, compose, function bundles' files) and is judged end to end, reference and
// mutant, through the real CLI and pipeline on a local cluster.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  appendFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import { LANGUAGES } from "../../../languages/registry.ts";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = join(REPO, "tests/fixtures/problems/echo");
const copy = mkdtempSync(join(tmpdir(), "cj-fixture-repo-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

beforeAll(() => {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: REPO })
    .toString()
    .split("\0")
    // A worktree's node_modules may be an untracked symlink: it is linked below, not copied.
    .filter((file) => file && file !== "node_modules");
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(REPO, file), join(copy, file));
  }
  symlinkSync(join(REPO, "node_modules"), join(copy, "node_modules"));
  cpSync(FIXTURE, join(copy, "problems/echo"), { recursive: true });
  // The one registry line.
  appendFileSync(join(copy, "problems/index.ts"), 'export { echo } from "./echo/problem.ts";\n');
});

/** Runs a TypeScript snippet inside the copy and returns what it printed as JSON. */
function probe(code: string): Record<string, unknown> {
  const file = join(copy, "probe.ts");
  writeFileSync(file, code);
  const out = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: copy });
  return JSON.parse(out.toString()) as Record<string, unknown>;
}

test("the fixture shows up everywhere the registry reaches", () => {
  const seen = probe(`
    import { PROBLEMS } from "./shared/domain/problems.ts";
    import { createScenarioRunner } from "./harness/index.ts";
    import { judgeHome } from "./shared/pipeline/home.ts";
    import { problemTextsFromFolders } from "./functions/api/texts-from-folders.ts";
    import { protoOf } from "./functions/cloud/adapters/protos.ts";
    import { CLOUD_FUNCTIONS } from "./functions/cloud/catalog.ts";
    import { composeFile } from "./scripts/compose.ts";
    import { REGISTRY } from "./problems/registry.ts";
    import { loadMutants } from "./problems/load.ts";
    const texts = problemTextsFromFolders(process.cwd());
    const echo = REGISTRY.find((p) => p.slug === "echo")!;
    console.log(JSON.stringify({
      catalogue: PROBLEMS.find((p) => p.slug === "echo"),
      scenarios: createScenarioRunner().names("echo"),
      proto: judgeHome().protoPath("echo"),
      cloudProto: protoOf("echo"),
      statement: await texts.statement("echo"),
      template: Object.keys((await texts.template("echo", "typescript")) ?? {}),
      description: texts.scenarioDescription("echo", "echo_basic"),
      apiFiles: CLOUD_FUNCTIONS.find((f) => f.name === "api")?.folders,
      composeNodes: composeFile(echo).match(/^  node-\\d+:$/gm),
      mutants: (await loadMutants("echo")).map((m) => m.name),
    }));
  `);
  assert.deepEqual(
    { ...(seen.catalogue as object) },
    {
      id: 100,
      slug: "echo",
      title: "Echo (fixture)",
      difficulty: "Medium",
      nodeCount: 3,
      description: "Every answer echoes the value sent; the cluster answers again after a kill",
      languages: [...LANGUAGES],
    },
  );
  assert.deepEqual(seen.scenarios, ["echo_basic"]);
  assert.equal(seen.proto, join(copy, "problems/echo/echo.proto"));
  assert.equal(seen.cloudProto, join(copy, "problems/echo/echo.proto"));
  assert.match(String(seen.statement), /^# Echo \(fixture\)/);
  assert.deepEqual(seen.template, ["main.ts"]);
  assert.match(String(seen.description), /node-1 is killed/);
  assert.ok((seen.apiFiles as string[]).includes("problems/echo/statement.md"));
  assert.deepEqual(seen.composeNodes, ["  node-0:", "  node-1:", "  node-2:"]);
  assert.deepEqual(seen.mutants, ["shouts"]);
  const help = spawnSync(process.execPath, ["bin/clusterjudge.js", "judge", "--help"], {
    cwd: copy,
  });
  // The registry's order (by id): the fixture's id, 100, comes last; help wraps long lines.
  assert.match(help.stdout.toString(), /judged problems: raft,[a-z0-9,\s-]*\becho\n/);
});

/** `clusterjudge judge --json` inside the copy, in a judge home of its own. */
interface Summary {
  scenarios: { verdict: string; reason: string }[];
}

function judgeInCopy(dir: string): { status: number | null; summary: Summary } {
  const home = mkdtempSync(join(tmpdir(), "cj-fixture-home-"));
  try {
    const run = spawnSync(
      process.execPath,
      [
        "bin/clusterjudge.js",
        "judge",
        "--json",
        "--problem",
        "echo",
        "--language",
        "typescript",
        "--seed",
        "3",
        dir,
      ],
      { cwd: copy, env: { ...process.env, CLUSTERJUDGE_HOME: home }, timeout: 4 * 60_000 },
    );
    const last = run.stdout.toString().trim().split("\n").at(-1) ?? "";
    let summary: Summary = { scenarios: [] };
    try {
      summary = JSON.parse(last) as Summary;
    } catch {
      assert.fail(`no JSON summary (exit ${run.status}):\n${run.stderr.toString().slice(-3000)}`);
    }
    return { status: run.status, summary };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test(
  "the fixture's reference passes and its mutant is caught, judged end to end",
  { timeout: 10 * 60_000 },
  () => {
    const passed = judgeInCopy(join(copy, "problems/echo/reference/typescript"));
    assert.equal(passed.summary.scenarios[0]?.verdict, "pass", passed.summary.scenarios[0]?.reason);
    assert.equal(passed.status, 0);
    const mutantDir = join(copy, "mutant");
    probe(`
    import { materializeMutant } from "./harness/mutants.ts";
    import { loadMutants, mutantReferenceDir } from "./problems/load.ts";
    const [m] = await loadMutants("echo");
    materializeMutant(m!, mutantReferenceDir("echo", m!), ${JSON.stringify(mutantDir)});
    console.log("{}");
  `);
    const caught = judgeInCopy(mutantDir);
    assert.equal(caught.summary.scenarios[0]?.verdict, "fail");
    assert.match(
      caught.summary.scenarios[0]?.reason ?? "",
      /echoes: an answer did not echo its value/,
    );
    assert.equal(caught.status, 1);
  },
);
