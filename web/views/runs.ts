// The latest runs, newest first.
import { api } from "../api.ts";
import { fill, h } from "../dom.ts";

export async function showRuns(root: HTMLElement): Promise<void> {
  const list = await api.submissions();
  fill(
    root,
    h("h1", {}, "Runs"),
    list.length
      ? h(
          "table",
          {},
          h(
            "tr",
            {},
            ["id", "problem", "language", "status", "scenarios", "submitted"].map((t) =>
              h("th", {}, t),
            ),
          ),
          list.map((s) =>
            h(
              "tr",
              {},
              h("td", {}, h("a", { href: `#/submissions/${s.id}` }, s.id)),
              h("td", {}, s.problem),
              h("td", {}, s.language),
              h("td", { class: s.status }, s.status),
              h("td", {}, s.scenarios.length),
              h("td", {}, new Date(s.createdAt).toLocaleString()),
            ),
          ),
        )
      : h("p", {}, "No runs yet. ", h("a", { href: "#/" }, "Submit one.")),
  );
}
