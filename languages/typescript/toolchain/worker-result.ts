// Reads what the TypeScript build's worker left: its diagnostics, or, when it was stopped or
// died, which bound it hit during which step on which file of the learner's. A bound hit is
// the learner's build error; only a worker that failed on its own is the platform's fault.
import { z } from "zod";
import type { ToolResult } from "../../../shared/toolchains/run-tool.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import {
  ToolchainError,
  diagnostic,
  type BuildDiagnostic,
} from "../../../shared/toolchains/types.ts";

const line = z.union([
  z.object({ phase: z.enum(["bundle", "typecheck"]), file: z.string().optional() }),
  z.object({
    diagnostics: z.array(
      z.object({
        file: z.string(),
        line: z.number().int().nullable(),
        column: z.number().int().nullable(),
        message: z.string(),
      }),
    ),
  }),
  z.object({ fault: z.string() }),
]);

const steps = {
  bundle: { name: "bundling", advice: "this file is too large or too deeply nested" },
  typecheck: {
    name: "the type check",
    advice: "look for a recursive or exploding type in this file",
  },
};

/** V8's last words when a heap bound (--max-old-space-size) is hit. */
const heapExhausted = /JavaScript heap out of memory|Allocation failed|Reached heap limit/;

export function readWorkerResult(result: ToolResult, bounds: BuildBounds): BuildDiagnostic[] {
  const lines = result.stdout.split("\n").flatMap((text) => {
    if (!text) return [];
    try {
      const parsed = line.safeParse(JSON.parse(text));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return []; // a line cut by a kill
    }
  });
  for (const l of lines) if ("diagnostics" in l) return l.diagnostics;
  const progress = lines.filter((l) => "phase" in l).at(-1);
  const step = steps[progress?.phase ?? "bundle"];
  const file = progress?.file ?? ".";
  if (result.timedOut) {
    const message = `${step.name} did not finish within ${bounds.timeMs / 1000} s (the time bound of a TypeScript build): ${step.advice}`;
    return [diagnostic(file, message)];
  }
  if (heapExhausted.test(result.stderr)) {
    const message = `${step.name} needed more than ${bounds.memoryMiB} MiB of memory (the memory bound of a TypeScript build): ${step.advice}`;
    return [diagnostic(file, message)];
  }
  if (result.signal) {
    return [
      diagnostic(file, `${step.name} crashed (${result.signal}) on this file: ${step.advice}`),
    ];
  }
  const fault = lines.find((l) => "fault" in l);
  const detail = fault && "fault" in fault ? fault.fault : result.stderr.trim().slice(-2000);
  throw new ToolchainError("typescript worker", detail || `exited with code ${result.code}`);
}
