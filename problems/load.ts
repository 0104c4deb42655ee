// Loading a problem's judge and mutants by slug: only the scenario runner, the judge tests
// and the benches need them (a judge brings gRPC clients along), so bundles of steps that
// run no scenario never see this file. esbuild bundles the dynamic imports as globs.
import type { Mutant } from "../harness/mutants.ts";
import type { Operation } from "../harness/operation.ts";
import type { ProblemJudge } from "../harness/problem.ts";
import { referenceDirOf } from "./paths.ts";

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
