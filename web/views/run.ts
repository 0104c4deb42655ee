// One run, live: its stages, then each scenario as it starts and ends with its verdict and
// reason; below, the report of the scenario chosen (the first failure by default).
import type { PublicResult, PublicSubmission } from "../../functions/api/public-view.ts";
import type { SubmissionOutcome } from "../../shared/domain/outcome.ts";
import { isTerminal } from "../../shared/domain/status.ts";
import type { ProgressRecord } from "../../shared/ports/store.ts";
import { api } from "../api.ts";
import type { RunChange, RunSource } from "../data/source.ts";
import { fill, h, seconds } from "../dom.ts";
import { outcomeFor, passedText, verdictBadge } from "./outcome.ts";
import { scenarioReport } from "./report.ts";
import { errorBox } from "../report/run-view.ts";

const STAGES = ["queued", "building", "deploying", "testing", "completed"] as const;

interface RunState {
  submission?: PublicSubmission;
  results: Map<number, PublicResult>;
  progress: Map<number, ProgressRecord>;
  chosen?: number;
  error?: string;
}

function stages(s: PublicSubmission): HTMLElement {
  const reached = STAGES.filter((st) => s.stageTimes[st] !== undefined);
  const items = STAGES.map((st) => {
    const at = s.stageTimes[st];
    const cls = st === s.status ? "current" : at !== undefined ? "done" : undefined;
    const offset = at === undefined ? "" : ` +${seconds(at - s.createdAt)}`;
    return h("li", { class: cls }, st, h("span", { class: "muted" }, offset));
  });
  const failed = STAGES.includes(s.status as (typeof STAGES)[number])
    ? null
    : h("li", { class: `current ${s.status}` }, s.status);
  return h(
    "ol",
    { class: "stages", "data-testid": "stages", "data-reached": reached.join(" ") },
    items,
    failed,
  );
}

function failure(s: PublicSubmission): HTMLElement | null {
  return s.error ? errorBox(s.error) : null;
}

/** A scenario with no result: still to come, or never to run once the submission stopped. */
function pendingWord(state: RunState): string {
  const status = state.submission?.status;
  return status && isTerminal(status) ? "not run" : "waiting";
}

function scenarioRow(state: RunState, name: string, index: number, choose: (i: number) => void) {
  const stored = state.results.get(index)?.result;
  const progress = state.progress.get(index);
  const cells = stored
    ? [
        h("td", { class: stored.verdict, "data-testid": "verdict" }, stored.verdict),
        h("td", {}, stored.reason),
        h("td", {}, seconds(stored.durationMs)),
        h("td", {}, `${stored.stats.ops} (${stored.stats.ok} ok)`),
      ]
    : [
        h(
          "td",
          { class: "muted", "data-testid": "verdict" },
          progress ? "running" : pendingWord(state),
        ),
        h(
          "td",
          { class: "muted" },
          progress
            ? `${progress.phase} · ${progress.faults.join("; ") || "no faults"} · ${progress.opsDone} ops · ${seconds(progress.elapsedMs)}`
            : "",
        ),
        h("td", {}),
        h("td", {}),
      ];
  return h(
    "tr",
    { "data-scenario": name, class: state.chosen === index ? "chosen" : undefined },
    h("td", {}, index + 1),
    h(
      "td",
      {},
      stored
        ? h("a", { href: "#", onclick: (e: Event) => (e.preventDefault(), choose(index)) }, name)
        : name,
    ),
    cells,
  );
}

function verdictTable(state: RunState, choose: (i: number) => void): HTMLElement {
  const names = state.submission?.scenarios ?? [];
  return h(
    "table",
    { "data-testid": "verdicts" },
    h(
      "tr",
      {},
      ["#", "scenario", "verdict", "reason", "time", "operations"].map((t) => h("th", {}, t)),
    ),
    names.map((name, i) => scenarioRow(state, name, i, choose)),
  );
}

/** "5/8 passed · first failure network_partition: <reason>", the name choosing its report. */
function outcomeLine(
  s: PublicSubmission,
  o: SubmissionOutcome | undefined,
  choose: (i: number) => void,
): HTMLElement | null {
  if (!o) return null;
  const first = o.firstFailure;
  const index = first ? s.scenarios.indexOf(first.scenario) : -1;
  const pick = (e: Event) => (e.preventDefault(), choose(index));
  const name = first && index >= 0 ? h("a", { href: "#", onclick: pick }, first.scenario) : null;
  return h(
    "p",
    { class: "outcome", "data-testid": "outcome-summary" },
    h("strong", {}, passedText(o)),
    first ? [" · first failure ", name ?? first.scenario, `: ${first.reason}`] : null,
  );
}

/** The results received so far, in run order (for a run stored without its outcome). */
function inRunOrder(state: RunState) {
  return [...state.results.values()].sort((a, b) => a.index - b.index).map((r) => r.result);
}

function header(state: RunState, choose: (i: number) => void): HTMLElement {
  const s = state.submission!;
  const outcome = outcomeFor(s, inRunOrder(state));
  const teardown = h("button", { type: "button" }, "Tear down its cluster");
  teardown.addEventListener(
    "click",
    () => void api.teardown(s.id).then(() => teardown.replaceWith("teardown requested")),
  );
  return h(
    "div",
    {},
    h("h1", {}, `Run ${s.id} `, verdictBadge(s, outcome)),
    outcomeLine(s, outcome, choose),
    h(
      "p",
      { class: "muted" },
      `${s.problem} · ${s.language} · seed ${s.seed} · ${s.scenarios.length} scenario(s) · status `,
      h("span", { class: s.status, "data-testid": "status" }, s.status),
      s.tornDownAt === undefined
        ? ""
        : ` · cluster torn down${s.tornDownReason ? ` (${s.tornDownReason})` : ""}`,
      isTerminal(s.status) && s.tornDownAt === undefined && s.cluster ? [" · ", teardown] : null,
    ),
  );
}

export function showRun(root: HTMLElement, id: string, source: RunSource): () => void {
  const state: RunState = { results: new Map(), progress: new Map() };
  const top = h("div", {});
  const report = h("div", { "data-testid": "report" });
  let reportFor: number | undefined;
  fill(root, top, report);

  const choose = (index: number) => {
    state.chosen = index;
    render();
  };
  const render = () => {
    const s = state.submission;
    if (!s) return fill(top, h("p", {}, state.error ?? `Waiting for ${id}…`));
    if (state.chosen === undefined && state.results.size) {
      const failed = [...state.results.values()].find((r) => r.result.verdict !== "pass");
      state.chosen = (failed ?? [...state.results.values()][0])?.index;
    }
    fill(
      top,
      header(state, choose),
      stages(s),
      failure(s),
      s.scenarios.length ? verdictTable(state, choose) : null,
      state.error ? h("p", { class: "error-box" }, state.error) : null,
    );
    const chosen = state.chosen === undefined ? undefined : state.results.get(state.chosen);
    if (chosen && reportFor !== chosen.index) {
      reportFor = chosen.index;
      fill(report, scenarioReport(s, chosen));
    }
  };
  const onChange = (change: RunChange) => {
    if (change.kind === "submission") state.submission = change.submission;
    else if (change.kind === "result") {
      state.results.set(change.stored.index, change.stored);
      state.progress.delete(change.stored.index);
    } else if (change.kind === "progress") {
      if (!state.results.has(change.progress.index))
        state.progress.set(change.progress.index, change.progress);
    } else if (change.kind === "error") state.error = change.message;
    // On "end" the source stops by itself; the status already shows the outcome.
    else return;
    render();
  };
  render();
  return source.watch(id, onChange);
}
