// Mutants: a problem's realistic bugs, each a list of text edits to a copy of its reference
// solution. An edit whose text does not occur exactly once throws, so a change to the
// reference cannot silently turn a mutant into a copy of the reference.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface MutantEdit {
  /** Relative to the reference folder. */
  file: string;
  find: string;
  replace: string;
}

export interface Mutant {
  name: string;
  description: string;
  /** The scenario expected to catch it. */
  expectScenario: string;
  /** A regular expression (source) the failing verdict's reason must match. */
  expectReason: string;
  /** The reference it edits: problems/<slug>/reference/<language>/ (default typescript). */
  language?: string;
  edits: MutantEdit[];
}

export class MutantEditError extends Error {
  override readonly name = "MutantEditError";
  constructor(
    readonly mutant: string,
    readonly file: string,
    readonly occurrences: number,
  ) {
    super(`mutant ${mutant}: the text to replace occurs ${occurrences} times in ${file}, not once`);
  }
}

/** Applies a mutant's edits to a folder holding a copy of the reference. */
export function applyMutantEdits(dir: string, mutant: Mutant): void {
  for (const edit of mutant.edits) {
    const path = join(dir, edit.file);
    const text = readFileSync(path, "utf8");
    const occurrences = text.split(edit.find).length - 1;
    if (occurrences !== 1) throw new MutantEditError(mutant.name, edit.file, occurrences);
    writeFileSync(
      path,
      text.replace(edit.find, () => edit.replace),
    );
  }
}

/** Writes the mutant into outDir: a copy of the reference with the mutant's edits. */
export function materializeMutant(mutant: Mutant, referenceDir: string, outDir: string): void {
  cpSync(referenceDir, outDir, { recursive: true });
  applyMutantEdits(outDir, mutant);
}
