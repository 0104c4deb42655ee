// A submission: what a user sent, where it is in the pipeline, and why it stopped if it did.
// Input is validated here, once, for every entry point (CLI, API): bad input is a
// SubmissionInputError listing every problem in words a person can act on.
import { z } from "zod";
import type { Diagnostic } from "./build.ts";
import { SUBMISSION_LIMITS } from "./limits.ts";
import { LANGUAGES, type Language } from "../../languages/registry.ts";
import { PROBLEMS, findProblem } from "./problems.ts";
import type { SubmissionStatus } from "./status.ts";
import type { Claim } from "./claim.ts";
import type { SubmissionOutcome } from "./outcome.ts";

export interface SubmissionError {
  /** Which stage failed: the user's build or deploy, or the pipeline itself. */
  stage: "build" | "deploy" | "pipeline";
  message: string;
  /** build_failed: where the compiler complained. */
  diagnostics?: Diagnostic[];
  /** deploy_failed: the failing node's log; build_failed: the build log's tail. */
  log?: string[];
}

/** The build's product, kept so later steps (and a redeploy) can start nodes. */
export interface BuildRecord {
  command: { argv: string[]; cwd: string };
  outDir: string;
  log: string[];
}

/** The cluster deployed for a submission, as the report shows it. */
export interface ClusterRecord {
  clusterId: string;
  nodes: { id: string; clientAddress: string }[];
  sandbox: { step: string; applied: boolean; detail: string }[];
  /** How many times the pipeline deployed it: 1, or more after a judge restart lost it. */
  deploys: number;
  deployedAtMs: number;
}

export interface Submission {
  id: string;
  problemId: number;
  problem: string;
  language: Language;
  /** Relative path → UTF-8 text. */
  files: Record<string, string>;
  seed: number;
  /** The scenarios to run, in order: the user's subset or the problem's full list. */
  scenarios: string[];
  status: SubmissionStatus;
  /**
   * The overall verdict, set with every terminal status (lifecycle.ts advance) and absent
   * before. What a learner reads; the status is where the pipeline is.
   */
  outcome?: SubmissionOutcome;
  createdAt: number; // epoch ms
  updatedAt: number; // epoch ms
  /** When the submission entered each status it has been in (epoch ms). */
  stageTimes: Partial<Record<SubmissionStatus, number>>;
  error?: SubmissionError;
  build?: BuildRecord;
  cluster?: ClusterRecord;
  /** The step working on this submission now, if any (see claim.ts). */
  claim?: Claim;
  /** When the cluster was torn down (epoch ms); absent while it may still run. */
  tornDownAt?: number;
  /** Why it was torn down (domain/teardown.ts: "after the verdict", "idle for 31 min"...). */
  tornDownReason?: string;
  /** Who submitted it, when the entry point knows (the API in the cloud): only they see it. */
  ownerId?: string;
}

/** A submission without its files: what watchers show. */
export type SubmissionSummary = Omit<Submission, "files">;

export function summarize(s: Submission): SubmissionSummary {
  const { files: _files, ...summary } = s;
  return summary;
}

export class SubmissionInputError extends Error {
  constructor(readonly issues: string[]) {
    super(`the submission was refused:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "SubmissionInputError";
  }
}

const SEED_MAX = 2 ** 31 - 1;

const inputSchema = z.object({
  problem: z.string().min(1, "name a problem, e.g. raft"),
  language: z.enum(LANGUAGES, { error: `the language must be one of: ${LANGUAGES.join(", ")}` }),
  files: z.record(z.string(), z.string({ error: "file contents must be text" })),
  seed: z.number().int().min(0).max(SEED_MAX).optional(),
  scenarios: z.array(z.string()).max(SUBMISSION_LIMITS.scenariosMax).optional(),
});

/** A submission input that passed every check, with its problem resolved. */
export interface ValidSubmissionInput {
  problemId: number;
  problem: string;
  language: Language;
  files: Record<string, string>;
  seed?: number;
  /** The user's subset, or every scenario of the problem in its default order. */
  scenarios: string[];
}

/**
 * Checks an input against the schema, the problem catalogue and the limits.
 * `scenarioNames` gives the problem's scenarios, to check a requested subset.
 */
export function validateSubmissionInput(
  raw: unknown,
  scenarioNames: (problem: string) => string[],
): ValidSubmissionInput {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SubmissionInputError(
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message),
    );
  }
  const input = parsed.data;
  const issues: string[] = [];
  const problem = findProblem(input.problem);
  if (!problem) {
    issues.push(
      `unknown problem "${input.problem}"; known: ${PROBLEMS.map((p) => p.slug).join(", ")}`,
    );
  } else if (!problem.languages.includes(input.language)) {
    issues.push(`problem "${problem.slug}" does not take ${input.language} yet`);
  }
  if (protoKeyed(raw)) issues.push(`"__proto__" is not accepted as a file name`);
  issues.push(...fileIssues(input.files));
  const known = problem ? scenarioNames(problem.slug) : [];
  if (problem && known.length === 0) issues.push(`problem "${problem.slug}" has no scenarios`);
  if (problem && input.scenarios) issues.push(...scenarioIssues(input.scenarios, known));
  if (issues.length > 0 || !problem) throw new SubmissionInputError(capped(issues));
  return {
    ...input,
    problemId: problem.id,
    problem: problem.slug,
    scenarios: input.scenarios ?? known,
  };
}

/** The first issues, and how many more: a flood of bad paths needs no answer as long. */
function capped(issues: string[]): string[] {
  const max = SUBMISSION_LIMITS.issuesShownMax;
  if (issues.length <= max) return issues;
  return [...issues.slice(0, max), `… and ${issues.length - max} more`];
}

/** A files map holding "__proto__", which parsing drops without a word. */
function protoKeyed(raw: unknown): boolean {
  const files = (raw as { files?: unknown } | null)?.files;
  return typeof files === "object" && files !== null && Object.hasOwn(files, "__proto__");
}

function scenarioIssues(requested: string[], known: string[]): string[] {
  if (requested.length === 0) return ["name at least one scenario, or none to run them all"];
  const unknown = requested.filter((s) => !known.includes(s));
  const repeated = requested.filter((s, i) => requested.indexOf(s) !== i);
  return [
    ...unknown.map((s) => `unknown scenario "${s}"; known: ${known.join(", ")}`),
    ...repeated.map((s) => `scenario "${s}" is named twice`),
  ];
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;
// eslint-disable-next-line no-control-regex
const BINARY = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every way the files break the path rules or the limits, one line each. */
export function fileIssues(files: Record<string, string>): string[] {
  const limits = SUBMISSION_LIMITS;
  const paths = Object.keys(files);
  const issues: string[] = [];
  if (paths.length === 0) issues.push("the submission has no files");
  if (paths.length > limits.filesMax) {
    issues.push(`${paths.length} files; at most ${limits.filesMax} are accepted`);
  }
  let totalBytes = 0;
  for (const path of paths) {
    const pathIssue = checkPath(path);
    if (pathIssue) issues.push(`${shown(path)}: ${pathIssue}`);
    // A plain path is shown as it is (CLI and UI match on it); any other escaped and quoted.
    const label = pathIssue ? shown(path) : path;
    const text = files[path] ?? "";
    const bytes = Buffer.byteLength(text, "utf8");
    totalBytes += bytes;
    if (bytes > limits.fileBytesMax) {
      issues.push(`${label}: ${bytes} bytes; a file may have at most ${limits.fileBytesMax}`);
    }
    if (BINARY.test(text)) issues.push(`${label}: not text (binary files are not accepted)`);
  }
  issues.push(...pathClashes(paths));
  if (totalBytes > limits.totalBytesMax) {
    issues.push(`${totalBytes} bytes in all; at most ${limits.totalBytesMax} are accepted`);
  }
  return issues;
}

/** A path as messages show it: quoted with control characters escaped, cut when long. */
function shown(path: string): string {
  const max = SUBMISSION_LIMITS.pathCharsShownMax;
  return JSON.stringify(path.length > max ? `${path.slice(0, max)}…` : path);
}

/** The path a file system would see: no empty or '.' segments, '..' applied. */
function normalized(path: string): string {
  const out: string[] = [];
  for (const segment of path.replaceAll("\\", "/").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else out.push(segment);
  }
  return out.join("/");
}

/**
 * Paths that cannot all be written: two that name the same file once normalized ("./x" and
 * "x", "a/" and "a"), and a file that is also another file's folder ("a" and "a/b.py").
 * Writing them would fail in the build, as a platform error after every retry.
 */
export function pathClashes(paths: string[]): string[] {
  const byName = new Map<string, string[]>();
  for (const path of paths) {
    const name = normalized(path);
    byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  const issues: string[] = [];
  for (const same of byName.values()) {
    if (same.length > 1) issues.push(`${same.map(shown).join(" and ")} name the same file`);
  }
  for (const [name, [path]] of byName) {
    const segments = name.split("/");
    for (let i = 1; i < segments.length; i++) {
      const folder = byName.get(segments.slice(0, i).join("/"));
      if (folder) {
        issues.push(`${shown(folder[0]!)} is a file, and a folder of ${shown(path!)}`);
        break;
      }
    }
  }
  return issues;
}

/** Why a path is refused, or null when it is a plain relative path. */
export function checkPath(path: string): string | null {
  const limits = SUBMISSION_LIMITS;
  if (path.length === 0) return "empty path";
  if (path.length > limits.pathCharsMax) return `longer than ${limits.pathCharsMax} characters`;
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "absolute paths are not accepted";
  if (path.includes("\\")) return "use / to separate folders";
  const segments = path.split("/");
  if (segments.length > limits.pathSegmentsMax) {
    return `nested deeper than ${limits.pathSegmentsMax} levels`;
  }
  if (segments.some((s) => s === "..")) return "'..' is not accepted in paths";
  if (segments.some((s) => s === "" || s === ".")) return "empty or '.' path segments";
  if (!segments.every((s) => SEGMENT.test(s))) {
    return "use letters, digits, '.', '_' and '-' only";
  }
  return null;
}

/** A new submission in status queued; `opts.seed` applies when the input names none. */
export function newSubmission(
  input: ValidSubmissionInput,
  opts: { id: string; nowMs: number; seed: number },
): Submission {
  return {
    id: opts.id,
    problemId: input.problemId,
    problem: input.problem,
    language: input.language,
    files: input.files,
    seed: input.seed ?? opts.seed,
    scenarios: input.scenarios,
    status: "queued",
    createdAt: opts.nowMs,
    updatedAt: opts.nowMs,
    stageTimes: { queued: opts.nowMs },
  };
}
