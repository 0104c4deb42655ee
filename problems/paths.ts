// Where each part of a problem lives in its folder (docs/adding-a-problem.md). Paths only:
// every function bundle imports this; loading a judge or mutants is problems/load.ts.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProblemDefinition } from "../harness/problem.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
/**
 * problems/ in the repository; in a function bundle (one index.js) the build copies what
 * the function reads into problems/ beside it.
 */
export const PROBLEMS_DIR = existsSync(join(here, "index.ts")) ? here : join(here, "problems");

export const problemDir = (slug: string): string => join(PROBLEMS_DIR, slug);

export const protoPathOf = (p: ProblemDefinition): string => join(problemDir(p.slug), p.protoFile);

export const statementPathOf = (slug: string): string => join(problemDir(slug), "statement.md");

export const referenceDirOf = (slug: string, language: string): string =>
  join(problemDir(slug), "reference", language);
