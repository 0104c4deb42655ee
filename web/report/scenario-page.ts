// The script of a scenario's report.html (bundled by harness/report-script.ts): the same
// scenario view as the UI's, over the evidence the page embeds.
import { fill, h } from "../dom.ts";
import { embeddedEvidence } from "./embedded-evidence.ts";
import { startPage } from "./read-page.ts";
import { scenarioView } from "./scenario-view.ts";

startPage("scenario", (data, root) => {
  const kept = data.history?.ops.length ?? 0;
  const omitted = data.history?.omitted ?? 0;
  fill(
    root,
    h("p", { class: "muted" }, `${data.problem} · scenario report`),
    omitted
      ? h(
          "p",
          { class: "muted" },
          `The charts show the first ${kept} operations; history.json has all ${kept + omitted}.`,
        )
      : null,
    scenarioView({
      problem: data.problem,
      result: data.result,
      nodes: data.nodes,
      evidence: embeddedEvidence(data),
      links: data.links,
    }),
  );
});
