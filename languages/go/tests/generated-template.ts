// Writes the Go template of a registered problem, generated from its proto, into a folder.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REGISTRY } from "../../../problems/registry.ts";
import { protoPathOf } from "../../../problems/paths.ts";
import { templateInput, type TemplateFiles } from "../../template-input.ts";
import { goTemplate } from "../template.ts";

export function generatedGoTemplate(slug: string): { files: TemplateFiles; protoPath: string } {
  const problem = REGISTRY.find((p) => p.slug === slug);
  if (!problem) throw new Error(`no registered problem ${slug}`);
  const protoPath = protoPathOf(problem);
  const input = templateInput({
    slug,
    title: problem.title,
    protoFile: problem.protoFile,
    protoText: readFileSync(protoPath, "utf8"),
  });
  return { files: goTemplate(input), protoPath };
}

/** Writes the generated files into dir; returns the proto they were generated from. */
export function writeGoTemplate(slug: string, dir: string): string {
  const { files, protoPath } = generatedGoTemplate(slug);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return protoPath;
}
