// What building a submission takes and gives: a command to start one node, or diagnostics a
// learner can act on (file, line, message). Platform faults are thrown, not diagnosed.
import type { Language } from "../../languages/registry.ts";

export interface BuildRequest {
  language: Language;
  /** The problem's slug: the stubs are generated from its proto. */
  problem: string;
  /** The learner's folder, as uploaded; never written to. */
  srcDir: string;
  /** Where the runnable node goes; created if missing, should be empty. */
  outDir: string;
  /** The problem's fixed .proto. */
  protoPath: string;
}

export interface BuildDiagnostic {
  /** Relative to the submission's folder ("main.py", "lib/log.ts"). */
  file: string;
  /** 1-based, null when the problem is not tied to a line (a missing file). */
  line: number | null;
  /** 1-based, null when unknown. */
  column: number | null;
  message: string;
}

export type BuildOutput =
  | { ok: true; command: { argv: string[]; cwd: string }; outDir: string; log: string[] }
  | { ok: false; diagnostics: BuildDiagnostic[]; log: string[] };

/** A tool the platform needs (protoc, python3, esbuild) is missing or broke: not the learner's fault. */
export class ToolchainError extends Error {
  override readonly name = "ToolchainError";
  constructor(
    readonly tool: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${tool}: ${detail}`, options);
  }
}

export const diagnostic = (
  file: string,
  message: string,
  line: number | null = null,
  column: number | null = null,
): BuildDiagnostic => ({ file, line, column, message });
