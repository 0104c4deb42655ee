// The file reports' scripts: web/report/scenario-page.ts and run-page.ts bundled by esbuild
// (each with the UI's own views; the run page without the plotting library). Built once per
// process from the sources the first time a report is written, or read from the built copy
// a cloud function's bundle carries (scripts/build-functions.ts writes it beside index.js),
// where neither the sources nor esbuild are.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type ReportPage = "scenario" | "run";
export type ReportScripts = Record<ReportPage, string>;

/** The built scripts' file in a function bundle, beside its index.js. */
export const CARRIED_SCRIPTS_FILE = "report-pages.json";

const ENTRIES: Record<ReportPage, string> = {
  scenario: "scenario-page.ts",
  run: "run-page.ts",
};

let scripts: Promise<ReportScripts> | undefined;

export function reportScripts(): Promise<ReportScripts> {
  scripts ??= load();
  // A failed build is not kept: the next report tries again.
  scripts.catch(() => (scripts = undefined));
  return scripts;
}

async function load(): Promise<ReportScripts> {
  const carried = new URL("./report-pages.json", import.meta.url);
  if (existsSync(carried)) return JSON.parse(readFileSync(carried, "utf8")) as ReportScripts;
  return bundleReportScripts();
}

/** web/report/, looked for upwards from here: the sources, or a build of them under dist/. */
function webReportDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "web", "report");
    if (existsSync(join(candidate, ENTRIES.scenario))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("the report's sources (web/report/) are not here");
    dir = parent;
  }
}

export async function bundleReportScripts(): Promise<ReportScripts> {
  const dir = webReportDir();
  // Loaded when called rather than imported: a cloud bundle carries the built scripts, never
  // calls this, and so does not list esbuild, a build-time package.
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(
      Object.entries(ENTRIES).map(([page, file]) => [page, join(dir, file)]),
    ),
    bundle: true,
    format: "iife",
    target: "es2022",
    minify: true,
    // The libraries' licence notices stay, at the end of the script.
    legalComments: "eof",
    loader: { ".css": "text" },
    outdir: "/report",
    write: false,
    logLevel: "silent",
  });
  const out = {} as ReportScripts;
  for (const page of Object.keys(ENTRIES) as ReportPage[]) {
    const file = result.outputFiles.find((f) => f.path === `/report/${page}.js`);
    if (!file) throw new Error(`esbuild made no ${page}.js`);
    // Inlined in a <script> element: esbuild writes "</script" as "<\/script" in strings;
    // anything else that would end the element is refused here.
    if (/<\/script|<!--/i.test(file.text))
      throw new Error(`the ${page} report's script would end its own <script> element`);
    out[page] = file.text;
  }
  return out;
}

/** For a function bundle whose code writes reports: the built scripts beside its index.js. */
export async function writeCarriedReportScripts(bundleDir: string): Promise<void> {
  writeFileSync(join(bundleDir, CARRIED_SCRIPTS_FILE), JSON.stringify(await bundleReportScripts()));
}
