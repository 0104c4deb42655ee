// The registered problems (problems/index.ts, one export each) as a list ordered by id.
import type { ProblemDefinition } from "../harness/problem.ts";
import * as registered from "./index.ts";

export const REGISTRY: readonly ProblemDefinition[] = Object.values(
  registered as Record<string, ProblemDefinition>,
).sort((a, b) => a.id - b.id);

/** The registered problem with this slug; throws when there is none (a test's or a script's). */
export function registeredProblem(slug: string): ProblemDefinition {
  const problem = REGISTRY.find((p) => p.slug === slug);
  if (!problem) throw new Error(`no registered problem "${slug}"`);
  return problem;
}
