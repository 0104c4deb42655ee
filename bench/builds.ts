// `npm run bench -- builds`: how long a build takes in each language, from an empty cache
// (CLUSTERJUDGE_CACHE_DIR set to a new folder: Go's compiled grpc, Rust's crates, the C++ and
// Java stubs, Java's CDS archive and the TypeScript worker all built on the way) and again
// with the cache it left. Raft's generated template, then a passing solution: the first
// reference of the language under problems/<slug>/reference/ (Raft's when there is one).
// BENCH_LANGUAGE=<name> times one language.
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Under the project's node_modules: the TypeScript build's worker imports esbuild from there.
const cacheDir = mkdtempSync(
  join(fileURLToPath(new URL("../node_modules/.cache/", import.meta.url)), "bench-builds-"),
);
// Before any toolchain loads: the cache folder is read once, when content-cache.ts loads.
process.env["CLUSTERJUDGE_CACHE_DIR"] = cacheDir;
// Readable by the build sandbox's own uid, as the default cache folder is.
chmodSync(cacheDir, 0o755);
const { LANGUAGES } = await import("../languages/registry.ts");
const { REGISTRY } = await import("../problems/registry.ts");
const { protoPathOf, referenceDirOf } = await import("../problems/paths.ts");
const { templateOf, writeTemplate } = await import("../problems/templates.ts");
const { buildSubmission } = await import("../shared/toolchains/index.ts");

type Language = (typeof LANGUAGES)[number];
/** BENCH_LANGUAGE=<name> times one language only. */
const only = process.env["BENCH_LANGUAGE"];
type Problem = (typeof REGISTRY)[number];

async function timedBuild(language: Language, problem: Problem, srcDir: string, work: string) {
  const outDir = mkdtempSync(join(work, "out-"));
  const started = performance.now();
  const built = await buildSubmission({
    language,
    problem: problem.slug,
    srcDir,
    outDir,
    protoPath: protoPathOf(problem),
  });
  const seconds = (performance.now() - started) / 1000;
  if (!built.ok) throw new Error(`${language} ${problem.slug}: ${JSON.stringify(built)}`);
  return seconds.toFixed(1);
}

/** The language's reference solution: Raft's if it has one, else the first registered. */
function referenceOf(language: Language): { problem: Problem; dir: string } | null {
  const ordered = [...REGISTRY].sort(
    (a, b) => Number(b.slug === "raft") - Number(a.slug === "raft"),
  );
  for (const problem of ordered) {
    const dir = referenceDirOf(problem.slug, language);
    if (existsSync(dir)) return { problem, dir };
  }
  return null;
}

export default async function (): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "cj-bench-builds-"));
  const raft = REGISTRY.find((p) => p.slug === "raft");
  if (!raft) throw new Error("raft is not registered");
  console.log(`cache: ${cacheDir} (empty at the start)`);
  console.log(
    "| language | Raft template, empty cache s | again s | reference | reference, first s | again s |",
  );
  console.log("|---|---|---|---|---|---|");
  try {
    for (const language of LANGUAGES.filter((l) => !only || l === only)) {
      const template = join(work, `${language}-template`);
      writeTemplate(templateOf(raft, language), template);
      const cold = await timedBuild(language, raft, template, work);
      const warm = await timedBuild(language, raft, template, work);
      const reference = referenceOf(language);
      const cells = reference
        ? [
            reference.problem.slug,
            await timedBuild(language, reference.problem, reference.dir, work),
            await timedBuild(language, reference.problem, reference.dir, work),
          ]
        : ["(none)", "-", "-"];
      console.log(`| ${[language, cold, warm, ...cells].join(" | ")} |`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
