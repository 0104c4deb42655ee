// Problem texts read from a copy of the repository's problem folders: statements from
// problems/<slug>/statement.md, templates generated from problems/<slug>/<proto>
// (problems/templates.ts), and scenario descriptions from the registry's plans, for judged
// problems only. The cloud function ships the same files.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Language } from "../../languages/registry.ts";
import { REGISTRY } from "../../problems/registry.ts";
import { templateOf } from "../../problems/templates.ts";
import type { ProblemTexts } from "./ports.ts";

/** Any seed shows the description: plans vary their timing by seed, not their story. */
const DESCRIPTION_SEED = 0;

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

/** Only registered problems have texts: a folder still being built is not served. */
const judged = (slug: string): boolean => REGISTRY.some((p) => p.slug === slug);

export function problemTextsFromFolders(repoRoot: string): ProblemTexts {
  return {
    statement: async (slug) =>
      judged(slug) ? readOrNull(join(repoRoot, "problems", slug, "statement.md")) : null,
    async template(slug: string, language: Language) {
      const problem = REGISTRY.find((p) => p.slug === slug);
      if (!problem) return null;
      // The proto is every bundle's; a checkout without it has no template to give.
      const proto = join(repoRoot, "problems", slug, problem.protoFile);
      return existsSync(proto) ? { ...templateOf(problem, language, proto) } : null;
    },
    scenarioDescription: (slug, scenario) =>
      REGISTRY.find((p) => p.slug === slug)?.plans[scenario]?.(DESCRIPTION_SEED).description,
  };
}
