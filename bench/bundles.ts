// `npm run bench -- bundles`: what each Cloud Function's bundle costs. Builds every bundle
// (scripts/build-functions.ts) under node_modules/.cache, where their packages resolve, then
// prints its size, the packages its package.json lists and what `npm install` would bring
// with them, and how long a fresh Node takes to import it (the cold start before the first
// request) and then every package it lists (the most a first request can add).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildFunctions } from "../scripts/build-functions.ts";

const REPO = new URL("../", import.meta.url).pathname;
const OUT_DIR = join(REPO, "node_modules", ".cache", "bench-bundles");
/** Fresh processes per measurement; the median is shown (the machine may be busy). */
const LOAD_RUNS = 5;

export default async function (): Promise<void> {
  const built = await buildFunctions(OUT_DIR);
  console.log(
    "| bundle | bundle bytes | index.js bytes | packages listed | installed packages | installed MB | load ms (CPU ms) | + listed packages ms (CPU ms) |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const b of built) {
    const listed = Object.keys(b.dependencies);
    const installed = packageClosure(listed);
    const installedBytes = [...installed].reduce((sum, dir) => sum + diskBytes(dir), 0);
    const load = medianLoad(b.dir, []);
    const loadAll = medianLoad(b.dir, listed);
    const cells = [
      b.name,
      diskBytes(b.dir),
      statSync(join(b.dir, "index.js")).size,
      listed.length,
      installed.size,
      (installedBytes / 1e6).toFixed(1),
      `${load.wallMs} (${load.cpuMs})`,
      `${loadAll.wallMs} (${loadAll.cpuMs})`,
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

function diskBytes(path: string): number {
  return Number(execFileSync("du", ["-sb", path], { encoding: "utf8" }).split("\t")[0]);
}

/** The folders of the packages and of everything they depend on, as installed here. */
function packageClosure(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    const dir = resolvePackage(name, from);
    if (!dir || seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const deps = { ...manifest.dependencies, ...manifest.optionalDependencies };
    for (const dep of Object.keys(deps)) visit(dep, dir);
  };
  for (const name of names) visit(name, REPO);
  // A package nested inside another's folder is counted with it.
  return new Set([...seen].filter((d) => ![...seen].some((o) => d.startsWith(`${o}/`))));
}

/** Node's lookup: node_modules of the folder, then of each parent up to the repository. */
function resolvePackage(name: string, from: string): string | null {
  for (let dir = join(from, "."); ; dir = join(dir, "..")) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (!dir.startsWith(REPO)) return null; // the repository's own node_modules was the last
  }
}

function medianLoad(dir: string, packages: readonly string[]): { wallMs: number; cpuMs: number } {
  const url = pathToFileURL(join(dir, "index.js")).href;
  const script = `
    const t = performance.now();
    const c = process.cpuUsage();
    await import(${JSON.stringify(url)});
    for (const p of ${JSON.stringify(packages)}) await import(p);
    const cpu = process.cpuUsage(c);
    console.log(JSON.stringify([performance.now() - t, (cpu.user + cpu.system) / 1000]));
    process.exit(0);`;
  const runs = Array.from({ length: LOAD_RUNS }, () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: REPO,
      env: { PATH: process.env.PATH },
      encoding: "utf8",
    });
    return JSON.parse(out.trim().split("\n").at(-1)!) as [number, number];
  });
  const median = (i: number) =>
    Math.round(runs.map((r) => r[i]!).sort((a, b) => a - b)[Math.floor(LOAD_RUNS / 2)]!);
  return { wallMs: median(0), cpuMs: median(1) };
}
