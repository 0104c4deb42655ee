// Copies problems/<slug>/templates/<language> into a new folder, refusing one that holds
// anything, and says what to run next.
import { cpSync, existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { statementPathOf, templateDirOf } from "../../problems/paths.ts";
import { EXIT_CODES } from "../../shared/domain/outcome.ts";
import type { Language } from "../../languages/registry.ts";

/** Quotes a path for a POSIX shell when it needs it. */
export const shellWord = (word: string): string =>
  /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

export function initSubmission(problem: string, language: Language, dir: string): number {
  const template = templateDirOf(problem, language);
  if (!existsSync(template)) {
    process.stderr.write(`error: problem "${problem}" has no ${language} template\n`);
    return EXIT_CODES.usage;
  }
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    process.stderr.write(
      `error: ${dir} exists and is not an empty folder: choose another (clusterjudge init ${problem} ${language} <dir>)\n`,
    );
    return EXIT_CODES.usage;
  }
  cpSync(template, dir, { recursive: true });
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`made ${dir}/ from the ${problem} template for ${language}: ${files.join(", ")}`);
  out(`the problem: ${statementPathOf(problem)}`);
  out(`next: clusterjudge judge --problem ${problem} --language ${language} ${shellWord(dir)}`);
  return 0;
}
