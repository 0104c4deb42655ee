// Where each part of a problem lives in its folder (docs/adding-a-problem.md), and loading
// its judge, which only the scenario runner needs (it brings gRPC clients along).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProblemDefinition, ProblemJudge } from "../harness/problem.ts";
import type { Operation } from "../harness/operation.ts";
import type { Mutant } from "../harness/mutants.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
/**
 * problems/ in the repository; in a function bundle (one index.js) the build copies what
 * the function reads into problems/ beside it.
 */
export const PROBLEMS_DIR = existsSync(join(here, "index.ts")) ? here : join(here, "problems");

export const problemDir = (slug: string): string => join(PROBLEMS_DIR, slug);

export const protoPathOf = (p: ProblemDefinition): string => join(problemDir(p.slug), p.protoFile);

export const statementPathOf = (slug: string): string => join(problemDir(slug), "statement.md");

export const templateDirOf = (slug: string, language: string): string =>
  join(problemDir(slug), "templates", language);

export const referenceDirOf = (slug: string, language: string): string =>
  join(problemDir(slug), "reference", language);

/** The problem's judge (problems/<slug>/judge.ts exports `judge`). */
export async function loadJudge(slug: string): Promise<ProblemJudge<Operation>> {
  if (!/^[a-z0-9-]+$/.test(slug)) throw new Error(`not a problem slug: ${slug}`);
  const module = (await import(`./${slug}/judge.ts`)) as { judge?: ProblemJudge<Operation> };
  if (!module.judge) throw new Error(`problems/${slug}/judge.ts exports no judge`);
  return module.judge;
}

/** The problem's mutants (problems/<slug>/mutants.ts exports `mutants`), none if absent. */
export async function loadMutants(slug: string): Promise<Mutant[]> {
  if (!/^[a-z0-9-]+$/.test(slug)) throw new Error(`not a problem slug: ${slug}`);
  const module = (await import(`./${slug}/mutants.ts`)) as { mutants?: Mutant[] };
  return module.mutants ?? [];
}

/** Where a mutant's reference lives. */
export const mutantReferenceDir = (slug: string, mutant: Mutant): string =>
  referenceDirOf(slug, mutant.language ?? "typescript");
