// The file reports: one report.html per scenario beside its evidence, and one per run in the
// run folder, each opened from disk with no server and no network. A report is the page of
// web/report/ (the UI's own views and charts) with its data embedded as JSON and its script
// inline (harness/report-script.ts). The scenario's data is read back from the evidence
// files, the very files the UI reads through the API, so both show the same run.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { outcomeOf } from "../shared/domain/outcome.ts";
import type { ScenarioResult } from "../shared/domain/result.ts";
import type { SubmissionSummary } from "../shared/domain/submission.ts";
import type { MessageRecord } from "../shared/ports/cluster.ts";
import { readHistoryDoc, type FaultsDoc } from "../shared/report/docs.ts";
import {
  jsonForScript,
  packHistory,
  packMessages,
  type EvidenceLink,
  type PageData,
  type RunPageData,
  type ScenarioPageData,
} from "../shared/report/page-data.ts";
import { reportScripts, type ReportPage } from "./report-script.ts";
import { readJsonLines } from "./json-lines.ts";
import { readLogEnd } from "./node-log-file.ts";

/**
 * Bounds on what one report embeds, so a long run still makes a page a browser opens at
 * once; the evidence files beside it keep everything, and the page says what it left out.
 */
export const REPORT_LIMITS = {
  historyOps: 20_000,
  messages: 10_000,
  /** Of each node's log, the tail. */
  logBytes: 64 * 1024,
  counterexampleBytes: 2 * 1024 * 1024,
};

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

/** A file's path from the report's folder, as a relative URL. */
const hrefFrom = (dir: string, file: string): string =>
  relative(dir, file).split(sep).map(encodeURIComponent).join("/");

function linksFrom(
  dir: string,
  files: [label: string, path: string | undefined][],
): EvidenceLink[] {
  return files
    .filter((f): f is [string, string] => f[1] !== undefined && existsSync(f[1]))
    .map(([label, path]) => ({ label, href: hrefFrom(dir, path) }));
}

/** Every evidence file of a scenario but its report, labelled by file name. */
function scenarioFiles(evidence: ScenarioResult["evidence"]): [string, string | undefined][] {
  const named = (path: string | undefined): [string, string | undefined] => [
    path ? basename(path) : "",
    path,
  ];
  return [
    named(evidence.history),
    named(evidence.messages),
    named(evidence.faults),
    ...Object.entries(evidence.logs ?? {}).map(([node, path]): [string, string] => [
      `logs/${node}.log`,
      path,
    ]),
    named(evidence.counterexample),
  ];
}

async function readIf(path: string | undefined): Promise<string | null> {
  return path && existsSync(path) ? readFile(path, "utf8") : null;
}

async function scenarioData(
  dir: string,
  result: ScenarioResult,
  problem: string,
): Promise<ScenarioPageData> {
  const { evidence, ...reported } = result;
  const historyText = await readIf(evidence.history);
  const faultsText = await readIf(evidence.faults);
  const history = historyText ? readHistoryDoc(JSON.parse(historyText)) : undefined;
  const faults = faultsText ? (JSON.parse(faultsText) as FaultsDoc) : undefined;
  const originMs = history?.originMs ?? faults?.originMs ?? 0;
  const logs: ScenarioPageData["logs"] = {};
  for (const [node, path] of Object.entries(evidence.logs ?? {})) {
    logs[node] = existsSync(path)
      ? await readLogEnd(path, REPORT_LIMITS.logBytes)
      : { text: "(no log file)", omittedBytes: 0 };
  }
  const counterexample = await readIf(evidence.counterexample);
  const lanes = new Set(Object.keys(evidence.logs ?? {}));
  // One pass over messages.jsonl: its nodes, and the first messages the page holds.
  const messages =
    evidence.messages && existsSync(evidence.messages)
      ? packMessages(
          laneTap(readJsonLines(evidence.messages) as Iterable<MessageRecord>, lanes),
          originMs,
          REPORT_LIMITS.messages,
        )
      : undefined;
  lanes.delete("client");
  const nodes = [...lanes].sort();
  return {
    page: "scenario",
    problem,
    result: reported,
    nodes,
    ...(history ? { history: packHistory(history, REPORT_LIMITS.historyOps) } : {}),
    ...(faults ? { faults } : {}),
    ...(messages ? { messages } : {}),
    logs,
    ...(counterexample !== null && counterexample.length <= REPORT_LIMITS.counterexampleBytes
      ? { counterexample }
      : {}),
    links: linksFrom(dir, scenarioFiles(evidence)),
  };
}

/** The messages as they pass, each one's ends added to `lanes`. */
function* laneTap(messages: Iterable<MessageRecord>, lanes: Set<string>): Generator<MessageRecord> {
  for (const m of messages) {
    lanes.add(m.from);
    lanes.add(m.to);
    yield m;
  }
}

/** The page: the data as JSON, the script inline, and nothing else it may run or load. */
async function reportPage(
  title: string,
  page: ReportPage,
  data: PageData,
  links: EvidenceLink[],
): Promise<string> {
  const script = (await reportScripts())[page];
  const hash = createHash("sha256").update(script).digest("base64");
  // Only this script runs (no inline handler, no other script) and nothing is fetched;
  // images only as data: URLs (Observable Plot draws some legends as one).
  const policy = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:`;
  const fallback = links
    .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>${escapeHtml(title)}</title></head>
<body><main id="report"><noscript><p>This report draws itself with its script; with scripts off, its evidence files are:</p><ul>${fallback}</ul></noscript></main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${script}</script>
</body></html>
`;
}

/** Writes `dir`/report.html for a scenario whose evidence files are written; returns its path. */
export async function writeScenarioReport(
  dir: string,
  result: ScenarioResult,
  problem: string,
): Promise<string> {
  const path = join(dir, "report.html");
  const data = await scenarioData(dir, result, problem);
  const title = `${result.name}: ${result.verdict}`;
  await writeFile(path, await reportPage(title, "scenario", data, data.links));
  return path;
}

/** The run as its report shows it: the submission without its files, build or claim. */
export type ReportedSubmission = Pick<
  SubmissionSummary,
  "id" | "problem" | "language" | "seed" | "status" | "createdAt" | "scenarios" | "error"
>;

function runData(
  runDir: string,
  s: ReportedSubmission,
  results: readonly ScenarioResult[],
): RunPageData {
  const byName = new Map(results.map((r) => [r.name, r]));
  const names = [
    ...s.scenarios,
    ...results.map((r) => r.name).filter((n) => !s.scenarios.includes(n)),
  ];
  const outcome = outcomeOf(s.status, results, s.scenarios.length);
  return {
    page: "run",
    submission: {
      id: s.id,
      problem: s.problem,
      language: s.language,
      seed: s.seed,
      status: s.status,
      createdAt: s.createdAt,
      ...(s.error ? { error: s.error } : {}),
    },
    ...(outcome ? { outcome } : {}),
    scenarios: names.map((name) => {
      const r = byName.get(name);
      if (!r) return { name };
      const report = r.evidence.report;
      return {
        name,
        verdict: r.verdict,
        reason: r.reason,
        durationMs: r.durationMs,
        ops: r.stats.ops,
        okOps: r.stats.ok,
        ...(report && existsSync(report) ? { report: hrefFrom(runDir, report) } : {}),
      };
    }),
    links: linksFrom(runDir, [
      ["report.json", join(runDir, "report.json")],
      ...results.flatMap((r) =>
        [
          ["report.html", r.evidence.report] as [string, string | undefined],
          ...scenarioFiles(r.evidence),
        ].map(([label, path]): [string, string | undefined] => [`${r.name}/${label}`, path]),
      ),
    ]),
  };
}

/** Writes `runDir`/report.html: the run's verdicts, each linked to its scenario's report. */
export async function writeRunReport(
  runDir: string,
  submission: ReportedSubmission,
  results: readonly ScenarioResult[],
): Promise<string> {
  const path = join(runDir, "report.html");
  const data = runData(runDir, submission, results);
  const title = `Run ${submission.id}: ${data.outcome?.verdict ?? submission.status}`;
  await writeFile(path, await reportPage(title, "run", data, data.links));
  return path;
}
