// The Java template of a registered problem, generated into a folder of its own.
import { templateOf, writeTemplate } from "../../../problems/templates.ts";
import type { ProblemDefinition } from "../../../harness/problem.ts";

export const javaTemplateOf = (problem: ProblemDefinition) => templateOf(problem, "java");

/** Writes the problem's Java template into dir; returns dir. */
export function writeJavaTemplate(problem: ProblemDefinition, dir: string): string {
  writeTemplate(javaTemplateOf(problem), dir);
  return dir;
}
