// The TypeScript build's worker: a child process of the judge that bundles and type-checks one
// submission, so a pathological input costs the worker, bounded in time and heap by its
// parent (build.ts), never the judge. It reads its job as JSON on stdin and writes JSON
// lines to stdout: {"phase","file"} before each step and each file of the learner's (what a
// bound interrupted), then {"diagnostics"} or, for a fault of the platform, {"fault"}.
import { bundle, type BundleJob } from "./bundle.ts";
import { typeCheck, type TypeCheckJob } from "./typecheck.ts";
import { failure } from "./syntax.ts";
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";

export type WorkerJob = BundleJob & TypeCheckJob;
export type WorkerPhase = "bundle" | "typecheck";
export type WorkerLine =
  { phase: WorkerPhase; file?: string } | { diagnostics: BuildDiagnostic[] } | { fault: string };

// Pipes are written synchronously on Linux: a line is out before the next step starts.
const emit = (line: WorkerLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<void> {
  const job = JSON.parse(await readStdin()) as WorkerJob;
  let phase: WorkerPhase = "bundle";
  let file = ".";
  const onFile = (rel: string) => {
    file = rel;
    emit({ phase, file });
  };
  try {
    emit({ phase });
    const bundled = await bundle(job, onFile);
    if (bundled.length > 0) return void emit({ diagnostics: bundled });
    phase = "typecheck";
    emit({ phase });
    emit({ diagnostics: typeCheck(job, onFile) });
  } catch (err) {
    if (err instanceof RangeError) {
      const what = phase === "bundle" ? "parser" : "type checker";
      return void emit({ diagnostics: [diagnostic(file, failure(err, what))] });
    }
    // esbuild's own process died (its Go stack overflowed on nesting TypeScript's parser let
    // through): the learner's file, not the platform.
    if (err instanceof Error && /service (was stopped|is no longer running)/.test(err.message)) {
      const message =
        "esbuild stopped while bundling this file (its parser ran out of stack?): split the deepest expression";
      return void emit({ diagnostics: [diagnostic(file, message)] });
    }
    emit({ fault: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exitCode = 1;
  }
}

void main();
