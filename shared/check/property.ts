// The result of checking one property of a run: holds, violated (with evidence in words),
// or inconclusive (the run did not give the property a fair chance, with the reason).
import type { LinearizabilityFailure } from "./linearizability/index.ts";

export type PropertyStatus = "holds" | "violated" | "inconclusive";

export interface PropertyResult {
  /** Short name shown in reports: "election safety", "linearizability", ... */
  property: string;
  status: PropertyStatus;
  /** One sentence a learner understands. */
  message: string;
  /** The smallest excerpt of the history or message log that shows a violation. */
  excerpt?: string[];
  /** A linearizability check's failing key, drawn as linearizability.html. */
  counterexample?: LinearizabilityFailure;
}

export const holds = (property: string, message: string): PropertyResult => ({
  property,
  status: "holds",
  message,
});

export const inconclusive = (property: string, message: string): PropertyResult => ({
  property,
  status: "inconclusive",
  message,
});

export const violated = (
  property: string,
  message: string,
  excerpt?: string[],
): PropertyResult => ({
  property,
  status: "violated",
  message,
  ...(excerpt ? { excerpt } : {}),
});

/** Seconds since the run's start, for messages: "12.4 s". */
export function secondsSince(originMs: number, atMs: number): string {
  return `${((atMs - originMs) / 1000).toFixed(1)} s`;
}
