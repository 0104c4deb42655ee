// The file report of a whole run (the run folder's report.html): the overall verdict, why
// there is none when the build or the deploy failed, every scenario's verdict and reason
// linked to its own report, and the run's evidence.
import { describeOutcome } from "../../shared/domain/outcome.ts";
import type { SubmissionError } from "../../shared/domain/submission.ts";
import type { RunPageData } from "../../shared/report/page-data.ts";
import { h, seconds } from "../dom.ts";

function failure(data: RunPageData): HTMLElement | null {
  const error = data.submission.error;
  return error ? errorBox(error) : null;
}

/** Why a submission has no verdict: the stage, the message, the diagnostics and the log. */
export function errorBox(error: SubmissionError): HTMLElement {
  return h(
    "div",
    { class: "error-box", "data-testid": "run-error" },
    h("strong", {}, `${error.stage}: ${error.message}`),
    error.diagnostics?.length
      ? h(
          "pre",
          {},
          error.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join("\n"),
        )
      : null,
    error.log?.length ? h("pre", { class: "log" }, error.log.join("\n")) : null,
  );
}

function verdictTable(data: RunPageData): HTMLElement {
  return h(
    "table",
    { "data-testid": "verdicts" },
    h(
      "tr",
      {},
      ["#", "scenario", "verdict", "reason", "time", "operations"].map((t) => h("th", {}, t)),
    ),
    data.scenarios.map((s, i) =>
      h(
        "tr",
        { "data-scenario": s.name },
        h("td", {}, i + 1),
        h("td", {}, s.report ? h("a", { href: s.report }, s.name) : s.name),
        s.verdict
          ? h("td", { class: s.verdict, "data-testid": "verdict" }, s.verdict)
          : h("td", { class: "muted", "data-testid": "verdict" }, "not run"),
        h("td", {}, s.reason ?? ""),
        h("td", {}, s.durationMs === undefined ? "" : seconds(s.durationMs)),
        h("td", {}, s.ops === undefined ? "" : `${s.ops} (${s.okOps ?? 0} ok)`),
      ),
    ),
  );
}

export function runView(data: RunPageData): HTMLElement {
  const s = data.submission;
  const outcome = data.outcome;
  return h(
    "section",
    { "data-testid": "run-report" },
    h(
      "h1",
      {},
      `Run ${s.id} `,
      outcome
        ? h(
            "span",
            { class: `badge ${outcome.verdict}`, "data-testid": "outcome" },
            describeOutcome(outcome),
          )
        : h("span", { class: "badge", "data-testid": "outcome" }, s.status),
    ),
    h(
      "p",
      { class: "muted" },
      `${s.problem} · ${s.language} · seed ${s.seed} · ${data.scenarios.length} scenario(s) · ${new Date(s.createdAt).toISOString()} · status ${s.status}`,
    ),
    outcome?.firstFailure
      ? h(
          "p",
          {},
          `First failure: ${outcome.firstFailure.scenario}: ${outcome.firstFailure.reason}`,
        )
      : null,
    failure(data),
    data.scenarios.length ? verdictTable(data) : null,
    data.links.length
      ? h(
          "section",
          { "data-testid": "evidence-links" },
          h("h3", {}, "Evidence"),
          h(
            "ul",
            {},
            data.links.map((l) => h("li", {}, h("a", { href: l.href }, l.label))),
          ),
        )
      : null,
  );
}
