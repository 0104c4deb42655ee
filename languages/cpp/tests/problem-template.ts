// The C++ template of a registered problem, written to a fresh folder, for the tests.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../../problems/templates.ts";

export const problemTemplate = (slug: string) => templateOf(registeredProblem(slug), "cpp");

/** The template written to a new folder under `root`; its path. */
export function writeProblemTemplate(slug: string, root = tmpdir()): string {
  const dir = mkdtempSync(join(root, `cpp-template-${slug}-`));
  writeTemplate(problemTemplate(slug), dir);
  return dir;
}
