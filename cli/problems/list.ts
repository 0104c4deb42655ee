// The problem catalogue as `clusterjudge problems` prints it: every problem of the spec
// (shared/domain/problems.ts), the judged ones with their scenarios from the registry.
import { REGISTRY } from "../../problems/registry.ts";
import { PROBLEMS, type Problem } from "../../shared/domain/problems.ts";
import { paintFor } from "../colour.ts";
import { alignedRows } from "../table.ts";

export interface ListedProblem extends Problem {
  /** The scenarios in their default order; none while the problem is not judged. */
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
  const rows = problems.map((p) => [
    String(p.id),
    p.slug,
    String(p.nodeCount),
    p.languages.join(","),
    String(p.scenarios.length),
    p.judged ? paint("green", "yes") : paint("dim", "not yet"),
    p.title,
  ]);
  const head = ["id", "slug", "nodes", "languages", "scenarios", "judged", "title"];
  const judged = problems.filter((p) => p.judged);
  return [
    ...alignedRows([head, ...rows]),
    "",
    ...judged.map((p) => `${p.slug} scenarios: ${p.scenarios.join(", ")}`),
    `start one: clusterjudge init ${judged[0]?.slug ?? "<problem>"} <language> [dir]`,
  ].join("\n");
}
