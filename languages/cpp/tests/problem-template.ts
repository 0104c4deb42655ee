// The C++ template of a registered problem, written to a fresh folder, for the tests.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { templateInput } from "../../template-input.ts";
import { protoPathOf } from "../../../problems/paths.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { cppTemplate } from "../template.ts";

export function problemTemplate(slug: string): Record<string, string> {
  const problem = REGISTRY.find((p) => p.slug === slug);
  if (!problem) throw new Error(`no problem ${slug}`);
  return {
    ...cppTemplate(
      templateInput({
        slug,
        title: problem.title,
        protoFile: problem.protoFile,
        protoText: readFileSync(protoPathOf(problem), "utf8"),
      }),
    ),
  };
}

/** The template written to a new folder under `root`; its path. */
export function writeProblemTemplate(slug: string, root = tmpdir()): string {
  const dir = mkdtempSync(join(root, `cpp-template-${slug}-`));
  for (const [path, text] of Object.entries(problemTemplate(slug))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
