// The CLI's live view of one submission, from the store's watch: a line per stage, per
// finished scenario, and per change of a running scenario's phase or faults (with the
// operations done), plus a heartbeat line while nothing changes. Lines only: it reads the
// same in a terminal, a CI log or a pipe.
import type { SubmissionSummary } from "../domain/submission.ts";
import type { ProgressRecord, Store, StoreChange } from "../ports/store.ts";

/** A running scenario with no news still gets a line this often, so the user sees life. */
const HEARTBEAT_MS = 10_000;

export class LiveView {
  private status = "";
  private lastProgressKey = "";
  private lastProgressLineMs = 0;
  private readonly stop: () => void;

  constructor(
    store: Store,
    submissionId: string,
    private readonly write: (line: string) => void,
  ) {
    this.stop = store.watch(submissionId, (c) => this.onChange(c));
  }

  close(): void {
    this.stop();
  }

  private onChange(change: StoreChange): void {
    if (change.kind === "submission") this.onSubmission(change.submission);
    else if (change.kind === "result") this.onResult(change.stored.result, change.stored.index);
    else this.onProgress(change.progress);
  }

  private onSubmission(s: SubmissionSummary): void {
    if (s.status === this.status) return;
    this.status = s.status;
    const line = stageLine(s);
    if (line) this.line(line);
  }

  private onResult(
    r: { name: string; verdict: string; reason: string; durationMs: number },
    index: number,
  ) {
    const mark = r.verdict === "pass" ? "✔" : r.verdict === "fail" ? "✘" : "?";
    const seconds = (r.durationMs / 1000).toFixed(1);
    this.line(`${mark} [${index + 1}] ${r.name}: ${r.verdict} in ${seconds} s — ${r.reason}`);
  }

  private onProgress(p: ProgressRecord): void {
    const key = `${p.index}|${p.phase}|${p.faults.join(",")}`;
    const quiet = p.atMs - this.lastProgressLineMs < HEARTBEAT_MS;
    if (key === this.lastProgressKey && quiet) return;
    this.lastProgressKey = key;
    this.lastProgressLineMs = p.atMs;
    const faults = p.faults.length ? p.faults.join("; ") : "no faults";
    const seconds = (p.elapsedMs / 1000).toFixed(0);
    this.line(
      `  [${p.index + 1}] ${p.scenario} · ${p.phase} · ${faults} · ${p.opsDone} ops · ${seconds} s`,
    );
  }

  private line(text: string): void {
    const clock = new Date().toISOString().slice(11, 19);
    this.write(`${clock} ${text}`);
  }
}

function stageLine(s: SubmissionSummary): string | null {
  switch (s.status) {
    case "queued":
      return `${s.id}: queued (${s.problem}, ${s.language}, seed ${s.seed})`;
    case "building":
      return `building (${s.language})`;
    case "deploying":
      return `built: ${s.build?.command.argv.join(" ") ?? "?"}; deploying`;
    case "testing": {
      const nodes = s.cluster?.nodes.length ?? 0;
      const sandbox = (s.cluster?.sandbox ?? []).map((x) => `${x.step} ${x.applied ? "✓" : "✗"}`);
      return `deployed ${nodes} nodes (${sandbox.join(", ") || "no sandbox report"}); testing ${s.scenarios.length} scenarios`;
    }
    case "completed":
      return "completed";
    default:
      // The cause in full (diagnostics, the node's log) is printed once the judge is done.
      return `${s.status}: ${s.error?.message ?? "no cause recorded"}`;
  }
}
