// The problem catalogue: the 19 problems of the spec, with stable ids and slugs. Judged
// problems come from the registry (problems/index.ts, one folder each); the others are
// announced (problems/announced.ts) and a submission for one is refused with a message.
import { LANGUAGES, type Language } from "../../languages/registry.ts";
import { ANNOUNCED } from "../../problems/announced.ts";
import { REGISTRY } from "../../problems/registry.ts";

export type Difficulty = "Medium" | "Medium-Hard" | "Hard";

/** What the catalogue says of a problem, judged or announced. */
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
  /** True when scenarios and checkers exist, so submissions are accepted. */
  judged: boolean;
}

/** A problem of the catalogue not yet judged: what the spec announces of it. */
export type AnnouncedProblem = ProblemMeta;

export const PROBLEMS: readonly Problem[] = [
  ...REGISTRY.map(({ id, slug, title, difficulty, nodeCount, description }): Problem => ({
    id,
    slug,
    title,
    difficulty,
    nodeCount,
    description,
    languages: LANGUAGES,
    judged: true,
  })),
  ...ANNOUNCED.map((p): Problem => ({ ...p, languages: LANGUAGES, judged: false })),
].sort((a, b) => a.id - b.id);

/** The problem with this slug (or numeric id, as text), or undefined. */
export function findProblem(slugOrId: string): Problem | undefined {
  const key = slugOrId.trim().toLowerCase();
  return PROBLEMS.find((p) => p.slug === key || String(p.id) === key);
}
