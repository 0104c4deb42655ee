// The UI's entry: a hash router over three views. #/problems/{id} (statement and submit),
// #/submissions (the latest runs) and #/submissions/{id} (a run, live, then its report).
import { chooseSource } from "./data/choose-source.ts";
import type { RunSource } from "./data/source.ts";
import { fill, h } from "./dom.ts";
import { showProblems } from "./views/problems.ts";
import { showRun } from "./views/run.ts";
import { showRuns } from "./views/runs.ts";

const root = document.getElementById("app") as HTMLElement;
let source: RunSource | undefined;
let stopView: (() => void) | undefined;

async function route(): Promise<void> {
  stopView?.();
  stopView = undefined;
  const path = location.hash.replace(/^#/, "") || "/";
  const run = /^\/submissions\/([^/]+)$/.exec(path);
  const problem = /^\/problems\/(\d+)$/.exec(path);
  try {
    if (run?.[1]) {
      source ??= await chooseSource();
      stopView = showRun(root, decodeURIComponent(run[1]), source);
    } else if (path === "/submissions") await showRuns(root);
    else await showProblems(root, problem?.[1] ? Number(problem[1]) : undefined);
  } catch (err) {
    fill(
      root,
      h("p", { class: "error-box" }, `Could not load this page: ${(err as Error).message}`),
    );
  }
}

window.addEventListener("hashchange", () => void route());
void route();
