// The registered languages (languages/index.ts, one export each) and what derives from them.
// Light: no toolchain is loaded, so cloud functions, the API and the CLI's help may import it.
import type { LanguageDefinition } from "./definition.ts";
import * as registered from "./index.ts";

type Registered = (typeof registered)[keyof typeof registered];

/** A language's name: "python" | "typescript" | ... as registered. */
export type Language = Registered["name"];

/** Every language, ordered by name (the order of every list derived from it). */
export const LANGUAGE_LIST: readonly (LanguageDefinition & { name: Language })[] = Object.values(
  registered,
).sort((a, b) => (a.name < b.name ? -1 : 1));

export const LANGUAGES: readonly Language[] = LANGUAGE_LIST.map((l) => l.name);

/** The file a node starts from in each language (the toolchains build from it). */
export const ENTRY_FILES = Object.fromEntries(
  LANGUAGE_LIST.map((l) => [l.name, l.entryFile]),
) as Readonly<Record<Language, string>>;
