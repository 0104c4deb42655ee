// Writes the problem's template for a language (generated from its proto, problems/templates.ts)
// into a new folder, refusing one that holds anything, and says what to run next.
import { existsSync, readdirSync, statSync } from "node:fs";
import { statementPathOf } from "../../problems/paths.ts";
import { REGISTRY } from "../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../problems/templates.ts";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import type { Language } from "../../languages/registry.ts";

/** Quotes a path for a POSIX shell when it needs it. */
export const shellWord = (word: string): string =>
  /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

export function initSubmission(slug: string, language: Language, dir: string): number {
  const problem = REGISTRY.find((p) => p.slug === slug);
  if (!problem) {
    process.stderr.write(`error: no judged problem "${slug}"\n`);
    return EXIT_CODES.usage;
  }
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    process.stderr.write(
      `error: ${dir} exists and is not an empty folder: choose another (clusterjudge init ${slug} ${language} <dir>)\n`,
    );
    return EXIT_CODES.usage;
  }
  const files = templateOf(problem, language);
  writeTemplate(files, dir);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `made ${dir}/ from the ${slug} template for ${language}: ${Object.keys(files).sort().join(", ")}`,
  );
  out(`the problem: ${statementPathOf(slug)}`);
  out(`next: clusterjudge judge --problem ${slug} --language ${language} ${shellWord(dir)}`);
  return 0;
}
