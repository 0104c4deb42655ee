// The problem catalogue as `clusterjudge problems` prints it: every problem of the spec
// (shared/domain/problems.ts) with its scenarios from the registry.
import { REGISTRY } from "../../problems/registry.ts";
import { PROBLEMS, type Problem } from "../../shared/domain/problems.ts";
import { paintFor } from "../colour.ts";
import { alignedRows } from "../table.ts";

export interface ListedProblem extends Problem {
  /** The scenarios in their default order. */
  scenarios: string[];
}

export function catalogue(): ListedProblem[] {
  return PROBLEMS.map((p) => {
    const plans = REGISTRY.find((r) => r.slug === p.slug)?.plans ?? {};
    return { ...p, languages: [...p.languages], scenarios: Object.keys(plans) };
  });
}

export function listProblems(json: boolean): string {
  const problems = catalogue();
  if (json) return JSON.stringify(problems);
  const paint = paintFor(process.stdout);
  // The slug is what the other commands take: it stands out.
  const rows = problems.map((p) => [
    String(p.id),
    paint("cyan", p.slug),
    String(p.nodeCount),
    p.languages.join(","),
    String(p.scenarios.length),
    p.title,
  ]);
  const head = ["id", "slug", "nodes", "languages", "scenarios", "title"];
  return [
    ...alignedRows([head, ...rows]),
    "",
    ...problems.map((p) => `${p.slug} scenarios: ${p.scenarios.join(", ")}`),
    `start one: clusterjudge init ${problems[0]?.slug ?? "<problem>"} <language> [dir]`,
  ].join("\n");
}
