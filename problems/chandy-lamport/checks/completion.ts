// Every snapshot the judge started completes at every node (statement.md, "Completion"):
// by the final reads, each node has recorded it and received its marker on every incoming
// channel. A node that refuses StartSnapshot fails it too.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { SnapshotOp } from "../client.ts";
import { recordingsOf, startedIds } from "./recordings.ts";

const NAME = "completion";

export const completionCheck: Check<SnapshotOp> = {
  name: NAME,
  required: true,
  run(run) {
    // StartSnapshot with an id from 1 is always answered OK: a refusal starts nothing.
    const refused = run.history.find((op) => op.f === "start" && op.outcome === "fail");
    if (refused) {
      const attempt = refused.attempts.at(-1);
      return violated(
        NAME,
        `${attempt?.node ?? "a node"} refused StartSnapshot(${refused.value}) with ${attempt?.result ?? "an error"}${attempt?.detail ? ` (${attempt.detail})` : ""}`,
      );
    }
    const recordings = recordingsOf(run);
    const ids = startedIds(run, recordings);
    if (ids.length === 0) return inconclusive(NAME, "no snapshot was started");
    for (const id of ids) {
      for (const node of run.nodes) {
        const view = recordings.get(id)?.get(node);
        if (!view)
          return violated(NAME, `${node} did not answer GetSnapshot(${id}) after the heal`);
        if (!view.recorded)
          return violated(
            NAME,
            `snapshot ${id} was started, but ${node} never recorded its state for it`,
          );
        if (!view.complete) {
          const waiting = view.channels.filter((c) => !c.marker_received).map((c) => c.from);
          return violated(
            NAME,
            `${node} had not completed snapshot ${id} after the heal and the idle wait${waiting.length ? `: no marker yet from ${waiting.join(", ")}` : ""}`,
          );
        }
      }
    }
    return holds(NAME, `every node completed each of the ${ids.length} snapshots started`);
  },
};
