// The language registry: the only list of languages the judge builds, one line each. The
// language lists, the Language type, entry files, the cloud build's script and archive, the
// setup script's Debian packages and the CLI's and API's choices derive from it through
// languages/registry.ts. Adding a language: its folder (docs/languages.md), one line here and
// its build in languages/toolchains.ts (the type checker asks for it).
export { go } from "./go/language.ts";
export { java } from "./java/language.ts";
export { cpp } from "./cpp/language.ts";
export { python } from "./python/language.ts";
export { rust } from "./rust/language.ts";
export { typescript } from "./typescript/language.ts";
