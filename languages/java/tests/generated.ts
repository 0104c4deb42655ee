// The Java template of a registered problem, generated into a folder of its own.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REGISTRY } from "../../../problems/registry.ts";
import { protoPathOf } from "../../../problems/paths.ts";
import { templateInput } from "../../template-input.ts";
import { javaTemplate } from "../template.ts";
import type { ProblemDefinition } from "../../../harness/problem.ts";

export function problemOf(slug: string): ProblemDefinition {
  const problem = REGISTRY.find((p) => p.slug === slug);
  if (!problem) throw new Error(`no problem ${slug}`);
  return problem;
}

export function javaTemplateOf(problem: ProblemDefinition) {
  return javaTemplate(
    templateInput({
      slug: problem.slug,
      title: problem.title,
      protoFile: problem.protoFile,
      protoText: readFileSync(protoPathOf(problem), "utf8"),
    }),
  );
}

/** Writes the problem's Java template into dir; returns dir. */
export function writeJavaTemplate(problem: ProblemDefinition, dir: string): string {
  for (const [rel, text] of Object.entries(javaTemplateOf(problem))) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
