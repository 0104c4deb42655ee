// A problem's starter in a language: generated from its proto by the language's generator
// (languages/<name>/template.ts), never kept as files. `clusterjudge init` writes one into a
// folder; the API serves one as files.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ProblemDefinition } from "../harness/problem.ts";
import { LANGUAGE_LIST, type Language } from "../languages/registry.ts";
import type { TemplateFiles } from "../languages/template-input.ts";
import { templateInput } from "../languages/template-proto.ts";
import { protoPathOf } from "./paths.ts";

/** The template's files (relative path -> contents), from the proto at protoPath. */
export function templateOf(
  problem: ProblemDefinition,
  language: Language,
  protoPath: string = protoPathOf(problem),
): TemplateFiles {
  const generator = LANGUAGE_LIST.find((l) => l.name === language)?.template;
  if (!generator) throw new Error(`no language "${language}"`);
  const input = templateInput({
    slug: problem.slug,
    title: problem.title,
    protoFile: problem.protoFile,
    protoText: readFileSync(protoPath, "utf8"),
    hints: problem.templateHints ?? {},
  });
  return generator(input);
}

/** Writes a template's files under dir, making the folders they need. */
export function writeTemplate(files: TemplateFiles, dir: string): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
