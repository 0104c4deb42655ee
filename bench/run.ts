// `npm run bench -- NAME...`: runs the named benchmarks (all when none is named). Each
// bench/NAME.ts exports a default async function that prints its own table.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : available) {
  console.log(`\n== ${name} ==`);
  const mod = (await import(join(here, `${name}.ts`))) as { default: () => Promise<void> };
  await mod.default();
}
