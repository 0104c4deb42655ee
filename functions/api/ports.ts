// What the HTTP API is given: the store and bus of the place it runs, and read-only sources
// for the problems' texts and the scenarios' evidence. Locally these are SQLite, the repo's
// folders and the run folders; in the cloud Firestore, Pub/Sub, the function's bundle and a
// bucket. Nothing here may be local-only: the cloud "api" function wraps the same app.
import type { Readable } from "node:stream";
import type { Request } from "express";
import type { Language } from "../../languages/registry.ts";
import type { RateRule } from "../../shared/domain/rate.ts";
import type { Bus } from "../../shared/ports/bus.ts";
import type { ScenarioRunner } from "../../shared/ports/scenarios.ts";
import type { Store } from "../../shared/ports/store.ts";

export interface ProblemTexts {
  /** The problem's statement (markdown), or null when it has none yet. */
  statement(slug: string): Promise<string | null>;
  /** The starter files for a language (relative path → text), or null when there are none. */
  template(slug: string, language: Language): Promise<Record<string, string> | null>;
  /** One sentence on what a scenario does, when known. */
  scenarioDescription(slug: string, scenario: string): string | undefined;
}

/** One evidence file, read in pieces: the API never holds a whole file. */
export interface EvidenceFile {
  size: number;
  /** Bytes [start, end) of the file, or all of it without a range. */
  stream(range?: { start: number; end: number }): Readable;
}

export interface EvidenceSource {
  /**
   * The file at a location a stored result names (a path locally, a gs:// URL in the
   * cloud), or null when it is not there or not evidence this source may serve.
   */
  open(location: string): Promise<EvidenceFile | null>;
}

/** Refuses a call whose identity cannot be established (the API answers 401). */
export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

export interface ApiPorts {
  /**
   * The caller's owner id (a Firebase Auth uid in the cloud), or null where one person
   * uses the machine; rejects with UnauthenticatedError when the call proves no identity.
   */
  identify(req: Request): Promise<string | null>;
  store: Store;
  bus: Bus;
  scenarios: Pick<ScenarioRunner, "names">;
  texts: ProblemTexts;
  evidence: EvidenceSource;
  nowMs(): number;
  /** Submissions one caller may make, counted in the store (429 past it); absent: no limit. */
  submissionRate?: RateRule;
  /** Event streams held open at once (429 past it); API_LIMITS.eventStreamsMax when absent. */
  eventStreamsMax?: number;
}
