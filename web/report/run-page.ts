// The script of a run's report.html (bundled by harness/report-script.ts): no charts, so
// no plotting library either.
import { fill } from "../dom.ts";
import { startPage } from "./read-page.ts";
import { runView } from "./run-view.ts";

startPage("run", (data, root) => fill(root, runView(data)));
