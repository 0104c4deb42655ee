// `npm run bench -- checker`: the linearizability checker on the public corpus, the median
// of several runs of the check alone (parsing excluded), wall clock and CPU time, beside
// Porcupine's times (Go) on the same 2-core machines as reported in the corpus README.
import { casRegisterModel, checkOperations, kvModel } from "../shared/check/index.ts";
import type { CheckOptions, CheckResult, Model, Operation } from "../shared/check/index.ts";
import { loadEtcdCorpus, loadKvCorpus } from "../tests/corpus/linearizability-corpus.ts";

const RUNS = 7;
/** The unsplit kv check is a stress case: fewer runs keep the benchmark short. */
const RUNS_UNSPLIT = 3;
const TIMEOUT_MS = 300_000;

interface Row {
  name: string;
  ops: number;
  verdicts: string;
  wallMs: number[];
  cpuMs: number[];
  memoEntries: number;
  porcupine: string;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function measure<S, I, O>(
  name: string,
  porcupine: string,
  runs: number,
  model: Model<S, I, O>,
  histories: Operation<I, O>[][],
  opts: CheckOptions = {},
): Row {
  const wallMs: number[] = [];
  const cpu: number[] = [];
  let results: CheckResult<I, O>[] = [];
  for (let r = 0; r < runs; r++) {
    const wallStart = performance.now();
    const cpuStart = cpuMs();
    results = histories.map((ops) =>
      checkOperations(model, ops, { timeoutMs: TIMEOUT_MS, ...opts }),
    );
    cpu.push(cpuMs() - cpuStart);
    wallMs.push(performance.now() - wallStart);
  }
  const ops = histories.reduce((n, h) => n + h.length, 0);
  const memoEntries = results.reduce((n, r) => n + r.memoEntries, 0);
  return { name, ops, verdicts: summary(results), wallMs, cpuMs: cpu, memoEntries, porcupine };
}

function summary(results: CheckResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  if (results.length === 1) return results[0]!.verdict;
  return [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(", ");
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function (): Promise<void> {
  const etcd = loadEtcdCorpus().map((h) => h.ops);
  const kv = new Map(loadKvCorpus().map((h) => [h.file, h.ops]));
  const kvFile = (file: string) => [kv.get(file)!];
  const rows = [
    measure("etcd corpus (102 files)", "380–520", RUNS, casRegisterModel, etcd),
    measure("c50-ok", "110–230", RUNS, kvModel, kvFile("c50-ok.txt")),
    measure("c50-bad", "–", RUNS, kvModel, kvFile("c50-bad.txt")),
    measure("c10-ok, no per-key split", "~90,000", RUNS_UNSPLIT, kvModel, kvFile("c10-ok.txt"), {
      partition: false,
    }),
  ];
  const ms = (x: number): string => x.toFixed(1);
  console.log(
    "case | ops | verdict | median ms | min–max ms | median CPU ms | memo entries | runs | Porcupine ms",
  );
  for (const r of rows) {
    const spread = `${ms(Math.min(...r.wallMs))}–${ms(Math.max(...r.wallMs))}`;
    const cells = [r.name, r.ops, r.verdicts, ms(median(r.wallMs)), spread, ms(median(r.cpuMs))];
    cells.push(r.memoEntries);
    console.log([...cells, r.wallMs.length, r.porcupine].join(" | "));
  }
}
