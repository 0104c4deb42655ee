// Problem texts read from a copy of the repository's folders: statements from
// docs/problems/<slug>.md, templates from templates/<slug>/<language>/, and scenario
// descriptions from the scenario plans. The cloud function ships the same folders.
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Language } from "../../shared/domain/problems.ts";
import { raftPlans } from "../../scenarios/raft/index.ts";
import type { ProblemTexts } from "./ports.ts";

const plansByProblem: Record<string, typeof raftPlans> = { raft: raftPlans };

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

export function problemTextsFromFolders(repoRoot: string): ProblemTexts {
  return {
    statement: (slug) => readOrNull(join(repoRoot, "docs", "problems", `${slug}.md`)),
    async template(slug: string, language: Language) {
      const files = await filesUnder(join(repoRoot, "templates", slug, language));
      return files.length ? Object.fromEntries(files) : null;
    },
    scenarioDescription: (slug, scenario) =>
      plansByProblem[slug]?.[scenario]?.(DESCRIPTION_SEED).description,
  };
}
