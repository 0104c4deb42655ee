// What a build produces: the command that starts one node, or the diagnostics that explain
// why there is none. The same shape as shared/toolchains' BuildOutput, so the local builder
// passes it through and a cloud builder produces it from Cloud Build's log.
import { z } from "zod";
import { PIPELINE_LIMITS } from "./limits.ts";

export const diagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const buildOutcomeSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    command: z.object({ argv: z.array(z.string()).min(1), cwd: z.string() }),
    outDir: z.string(),
    log: z.array(z.string()),
  }),
  z.object({
    ok: z.literal(false),
    diagnostics: z.array(diagnosticSchema),
    log: z.array(z.string()),
  }),
]);
export type BuildOutcome = z.infer<typeof buildOutcomeSchema>;

/** A build started elsewhere (Cloud Build): its outcome comes later as a build-complete event. */
export interface BuildStarted {
  started: true;
  buildId: string;
}

/** What a builder gives back: the outcome itself, or word that the build has started. */
export type BuildResult = BuildOutcome | BuildStarted;

export function isBuildStarted(result: BuildResult): result is BuildStarted {
  return "started" in result;
}

/** "src/node.py:12:5: message", the form editors and terminals link. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.line === null ? null : d.column].filter((x) => x !== null);
  return `${where.join(":")}: ${d.message}`;
}

/** The tail of a log, each line cut, within the pipeline's limits. */
export function boundLog(lines: readonly string[]): string[] {
  const { logLinesMax, logLineCharsMax } = PIPELINE_LIMITS;
  return lines
    .slice(-logLinesMax)
    .map((l) => (l.length > logLineCharsMax ? `${l.slice(0, logLineCharsMax)}…` : l));
}

/** The outcome with its log and diagnostics bounded, fit for the store and an event. */
export function boundOutcome(outcome: BuildOutcome): BuildOutcome {
  if (outcome.ok) return { ...outcome, log: boundLog(outcome.log) };
  return {
    ok: false,
    diagnostics: outcome.diagnostics.slice(0, PIPELINE_LIMITS.diagnosticsMax),
    log: boundLog(outcome.log),
  };
}
