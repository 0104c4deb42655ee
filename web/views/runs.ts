// The runs, newest first, with each one's overall verdict: filtered by problem, verdict and
// status, a page at a time ("Older runs" asks the API for the next page).
import type { PublicListing } from "../../functions/api/public-view.ts";
import { OVERALL_VERDICTS, VERDICT_LABELS } from "../../shared/domain/outcome.ts";
import { STATUSES } from "../../shared/domain/status.ts";
import { api, type ProblemSummary, type SubmissionsFilter } from "../api.ts";
import { fill, h } from "../dom.ts";
import { verdictBadge } from "./outcome.ts";

const PAGE = "20";
const COLUMNS = [
  "id",
  "problem",
  "language",
  "verdict",
  "passed",
  "first failure",
  "status",
  "submitted",
];

function row(s: PublicListing): HTMLElement {
  const o = s.outcome;
  const first = o?.firstFailure;
  return h(
    "tr",
    { "data-run": s.id },
    h("td", {}, h("a", { href: `#/submissions/${s.id}` }, s.id)),
    h("td", {}, s.problem),
    h("td", {}, s.language),
    h("td", {}, verdictBadge(s)),
    h("td", {}, o ? `${o.passed}/${o.total}` : ""),
    h("td", { class: "muted" }, first ? `${first.scenario}: ${first.reason}` : ""),
    h("td", { class: `muted ${s.status}`, "data-testid": "status" }, s.status),
    h("td", {}, new Date(s.createdAt).toLocaleString()),
  );
}

/** A select of one filter: "" means any. */
function choice(name: string, options: [string, string][]): HTMLSelectElement {
  return h(
    "select",
    { id: `filter-${name}`, name, "aria-label": name },
    h("option", { value: "" }, `any ${name}`),
    options.map(([value, text]) => h("option", { value }, text)),
  ) as HTMLSelectElement;
}

export async function showRuns(root: HTMLElement): Promise<void> {
  const problems: ProblemSummary[] = await api.problems();
  const filters = [
    choice(
      "problem",
      problems.map((p) => [p.slug, p.title]),
    ),
    choice(
      "verdict",
      OVERALL_VERDICTS.map((v) => [v, VERDICT_LABELS[v]]),
    ),
    choice(
      "status",
      STATUSES.map((st) => [st, st]),
    ),
  ];
  const body = h("tbody", {});
  const more = h("button", { type: "button", id: "older-runs" }, "Older runs");
  const empty = h("p", { class: "muted" });
  const table = h(
    "table",
    { "data-testid": "runs" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        COLUMNS.map((t) => h("th", {}, t)),
      ),
    ),
    body,
  );
  let cursor: string | null = null;
  let shown = 0;
  // Only the latest request draws: filters changed quickly must not show an older answer.
  let latest = 0;

  const load = async (fresh: boolean) => {
    const query: SubmissionsFilter = { limit: PAGE };
    for (const f of filters) query[f.name as "problem" | "verdict" | "status"] = f.value;
    if (!fresh && cursor) query.cursor = cursor;
    const asked = ++latest;
    const page = await api.submissions(query);
    if (asked !== latest) return;
    if (fresh) {
      body.replaceChildren();
      shown = 0;
    }
    body.append(...page.submissions.map(row));
    shown += page.submissions.length;
    cursor = page.nextCursor;
    more.hidden = cursor === null;
    table.hidden = shown === 0;
    const filtered = filters.some((f) => f.value);
    fill(
      empty,
      shown
        ? ""
        : filtered
          ? "No runs match these filters."
          : ["No runs yet. ", h("a", { href: "#/" }, "Submit one.")],
    );
  };
  const failed = (err: unknown) =>
    fill(empty, h("span", { class: "error-box" }, (err as Error).message));
  for (const f of filters) f.addEventListener("change", () => void load(true).catch(failed));
  more.addEventListener("click", () => void load(false).catch(failed));

  fill(root, h("h1", {}, "Runs"), h("div", { class: "row filters" }, filters), table, empty, more);
  await load(true);
}
