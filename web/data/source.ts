// Where the UI learns how a run goes: one interface, two implementations. Locally the
// server's event stream (sse-source.ts); in the cloud Firestore's snapshots
// (firestore-source.ts). Either way the UI sees the same changes, in order.
import type { PublicResult, PublicSubmission } from "../../functions/api/public-view.ts";
import type { ProgressRecord } from "../../shared/ports/store.ts";

export type RunChange =
  | { kind: "submission"; submission: PublicSubmission }
  | { kind: "result"; stored: PublicResult }
  | { kind: "progress"; progress: ProgressRecord }
  /** The submission has an outcome: nothing more will come. */
  | { kind: "end" }
  /** The source lost its connection and will not recover by itself. */
  | { kind: "error"; message: string };

export interface RunSource {
  /** Calls `listener` with the submission as it is, then every change; returns a stop. */
  watch(submissionId: string, listener: (change: RunChange) => void): () => void;
}
