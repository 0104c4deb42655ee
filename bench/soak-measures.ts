// The numbers a soak reports beside pass and fail: what the efficiency and stable-latency
// checks measured in each scenario, read from the wording of their messages in report.json
// (harness/efficiency-check.ts, problems/gossip-broadcast/checks.ts), as min – max per
// scenario over the runs.
import { readFile } from "node:fs/promises";
import type { ScenarioResult } from "../shared/domain/result.ts";

const MEASURES: { name: string; property: string; pattern: RegExp }[] = [
  { name: "msgs/op", property: "efficiency", pattern: /\(([\d.]+) per operation\)/ },
  { name: "bytes/msg", property: "efficiency", pattern: /(\d+) bytes per message/ },
  { name: "latency max ms", property: "stable latency", pattern: /max (\d+) ms/ },
];

/** scenario → measure → every value seen. */
export type Measures = Map<string, Map<string, number[]>>;

export async function addMeasures(measures: Measures, reportPath: string): Promise<void> {
  const report = JSON.parse(await readFile(reportPath, "utf8")) as { results?: ScenarioResult[] };
  for (const result of report.results ?? []) {
    const byName = measures.get(result.name) ?? new Map<string, number[]>();
    measures.set(result.name, byName);
    for (const m of MEASURES) {
      const said = result.properties?.find((p) => p.property === m.property)?.message;
      const found = said?.match(m.pattern)?.[1];
      if (found) byName.set(m.name, [...(byName.get(m.name) ?? []), Number(found)]);
    }
  }
}

/** "1.02 – 1.35" for each measure seen in the scenario. */
export function measureColumns(measures: Measures, scenario: string): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [name, values] of measures.get(scenario) ?? []) {
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    columns[name] = lo === hi ? String(lo) : `${lo} – ${hi}`;
  }
  return columns;
}
