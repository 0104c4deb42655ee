// `tsx scripts/language-packages.ts`: the Debian packages the registered languages' toolchains
// run (languages/<name>/language.ts), one per line, for scripts/setup.sh to install.
import { LANGUAGE_LIST } from "../languages/registry.ts";

const packages = new Set(LANGUAGE_LIST.flatMap((l) => l.debianPackages));
process.stdout.write([...packages].map((p) => `${p}\n`).join(""));
