// `npm run bench -- NAME... [--problem SLUG]...`: runs the named benchmarks (all when none
// is named). Each bench/NAME.ts exports a default async function that prints its own table;
// the per-problem ones (soak, mutants) run for the problems named, or every registered one.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { REGISTRY } from "../problems/registry.ts";
import type { BenchOptions } from "./options.ts";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && f !== "options.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const slugs = args.flatMap((a, i) => (args[i - 1] === "--problem" ? [a] : []));
const wanted = args.filter((a, i) => a !== "--problem" && args[i - 1] !== "--problem");
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(2);
}
const unknownProblems = slugs.filter((s) => !REGISTRY.some((p) => p.slug === s));
if (unknownProblems.length) {
  console.error(
    `unknown problem: ${unknownProblems.join(", ")}; judged: ${REGISTRY.map((p) => p.slug).join(", ")}`,
  );
  process.exit(2);
}
const options: BenchOptions = {
  problems: slugs.length ? REGISTRY.filter((p) => slugs.includes(p.slug)) : REGISTRY,
};
for (const name of wanted.length ? wanted : available) {
  console.log(`\n== ${name} ==`);
  const mod = (await import(join(here, `${name}.ts`))) as {
    default: (opts: BenchOptions) => Promise<void>;
  };
  await mod.default(options);
}
