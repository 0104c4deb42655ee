// Problem texts read from a copy of the repository's problem folders: statements from
// problems/<slug>/statement.md, templates from problems/<slug>/templates/<language>/, and
// scenario descriptions from the registry's plans, for judged problems only. The cloud
// function ships the same files.
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Language } from "../../languages/registry.ts";
import { REGISTRY } from "../../problems/registry.ts";
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

async function filesUnder(dir: string, root = dir): Promise<[string, string][]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (e): Promise<[string, string][]> => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return filesUnder(path, root);
      return [[relative(root, path).split("\\").join("/"), await readFile(path, "utf8")]];
    }),
  );
  return nested.flat();
}

/** Only registered problems have texts: a folder still being built is not served. */
const judged = (slug: string): boolean => REGISTRY.some((p) => p.slug === slug);

export function problemTextsFromFolders(repoRoot: string): ProblemTexts {
  return {
    statement: async (slug) =>
      judged(slug) ? readOrNull(join(repoRoot, "problems", slug, "statement.md")) : null,
    async template(slug: string, language: Language) {
      if (!judged(slug)) return null;
      const files = await filesUnder(join(repoRoot, "problems", slug, "templates", language));
      return files.length ? Object.fromEntries(files) : null;
    },
    scenarioDescription: (slug, scenario) =>
      REGISTRY.find((p) => p.slug === slug)?.plans[scenario]?.(DESCRIPTION_SEED).description,
  };
}
