// What the platform knows of a language without loading its toolchain: light enough for every
// cloud function, the API's schemas and the CLI's help. The toolchain itself (validate,
// generate the stubs, compile or bundle, the run command) is in the folder's toolchain/,
// which only local builds and the cloud build's toolchain step load (languages/toolchains.ts).
// By convention the folder also holds node.Dockerfile, the node image's recipe, and tests/.

import type { TemplateGenerator } from "./template-input.ts";

export interface LanguageDefinition {
  /** The name in the API, the CLI, template folders and Cloud Build's _LANGUAGE. */
  readonly name: string;
  /** The file a node starts from, at the submission's top level (the build's entry point). */
  readonly entryFile: string;
  /**
   * Debian packages the toolchain runs: installed by scripts/setup.sh, and by the cloud build's
   * toolchain step (on node:20-slim) when it builds this language.
   */
  readonly debianPackages: readonly string[];
  /**
   * npm packages the toolchain loads at run time: installed beside the cloud build's bundled
   * toolchain step, which leaves them out of its bundle.
   */
  readonly stepPackages: readonly string[];
  /**
   * Modules the toolchain starts as files of their own, prebuilt into the cloud build's judge/
   * folder beside the step: file name there -> source, relative to the language's folder.
   */
  readonly stepModules: Readonly<Record<string, string>>;
  /**
   * Files the toolchain reads beside its own module (Java's warm-up program), copied as they
   * are into the cloud build's judge/ folder: file name there -> source, as stepModules.
   */
  readonly stepFiles: Readonly<Record<string, string>>;
  /**
   * The starter for any problem, generated from its proto (languages/template-input.ts):
   * languages/<name>/template.ts.
   */
  readonly template: TemplateGenerator;
}
