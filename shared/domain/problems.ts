// The problem catalogue: the 19 problems of the spec, with stable ids and slugs, each judged
// from its folder through the registry (problems/index.ts, one line each).
import { LANGUAGES, type Language } from "../../languages/registry.ts";
import { REGISTRY } from "../../problems/registry.ts";

export type Difficulty = "Medium" | "Medium-Hard" | "Hard";

/** What the catalogue says of a problem. */
export interface ProblemMeta {
  id: number;
  /** Folder name under problems/ and the name in every API and CLI. */
  slug: string;
  title: string;
  difficulty: Difficulty;
  nodeCount: number;
  /** What the judge checks, in one line. */
  description: string;
}

export interface Problem extends ProblemMeta {
  languages: readonly Language[];
}

export const PROBLEMS: readonly Problem[] = REGISTRY.map(
  ({ id, slug, title, difficulty, nodeCount, description }): Problem => ({
    id,
    slug,
    title,
    difficulty,
    nodeCount,
    description,
    languages: LANGUAGES,
  }),
).sort((a, b) => a.id - b.id);

/** The problem with this slug (or numeric id, as text), or undefined. */
export function findProblem(slugOrId: string): Problem | undefined {
  const key = slugOrId.trim().toLowerCase();
  return PROBLEMS.find((p) => p.slug === key || String(p.id) === key);
}
