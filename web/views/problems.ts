// The problem page: the 19 problems on the left; on the right the chosen one's statement and
// the form to submit code for it.
import { api, type ProblemSummary } from "../api.ts";
import { fill, h } from "../dom.ts";
import { renderMarkdown } from "../markdown.ts";
import { submitForm } from "./submit-form.ts";

function problemList(problems: ProblemSummary[], selectedId: number): HTMLElement {
  return h(
    "ol",
    { class: "problem-list", "data-testid": "problems" },
    problems.map((p) =>
      h(
        "li",
        { class: p.id === selectedId ? "selected" : undefined },
        h("a", { href: `#/problems/${p.id}` }, p.title),
        " ",
        h("span", { class: "muted" }, p.difficulty),
        " ",
        h("div", { class: "muted" }, p.description),
      ),
    ),
  );
}

/**
 * `signInFirst` gives what stands in place of the submit form while nobody is signed in (in
 * the cloud), or null when the form may be shown.
 */
export async function showProblems(
  root: HTMLElement,
  wantedId: number | undefined,
  signInFirst: () => HTMLElement | null,
): Promise<void> {
  const problems = await api.problems();
  const selected = problems.find((p) => p.id === wantedId) ?? problems[0];
  if (!selected) return fill(root, h("p", {}, "No problems."));
  const detail = await api.problem(selected.id);
  const right = h(
    "section",
    {},
    h("h1", {}, `${detail.id}. ${detail.title}`),
    h("p", {}, `${detail.difficulty} · ${detail.nodeCount} nodes · ${detail.description}`),
    detail.statement
      ? h(
          "details",
          { open: true },
          h("summary", {}, "Statement"),
          h("div", { class: "statement" }, renderMarkdown(detail.statement)),
        )
      : h("p", { class: "muted" }, "No statement yet."),
    signInFirst() ?? submitForm(detail),
  );
  fill(root, h("div", { class: "columns" }, problemList(problems, selected.id), right));
}
