// `npm run bench -- checker`: the linearizability checker on the public corpus, median of
// several runs, beside Porcupine's times (Go) on the same 2-core machines. Parsing is not
// timed: both columns are the check alone.
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
  verdict: string;
  runsMs: number[];
  porcupine: string;
}

function timeRuns<S, I, O>(
  runs: number,
  model: Model<S, I, O>,
  histories: Operation<I, O>[][],
  opts: CheckOptions,
): { runsMs: number[]; results: CheckResult<I, O>[] } {
  const runsMs: number[] = [];
  let results: CheckResult<I, O>[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    results = histories.map((ops) =>
      checkOperations(model, ops, { timeoutMs: TIMEOUT_MS, ...opts }),
    );
    runsMs.push(performance.now() - started);
  }
  return { runsMs, results };
}

function verdictSummary(results: CheckResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  return [...counts].map(([v, n]) => (results.length === 1 ? v : `${n} ${v}`)).join(", ");
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export default async function (): Promise<void> {
  const etcd = loadEtcdCorpus();
  const kv = new Map(loadKvCorpus().map((h) => [h.file, h.ops]));
  const kvCase = (
    file: string,
  ): Operation<typeof kvModel extends Model<unknown, infer I, unknown> ? I : never, never>[][] => [
    kv.get(file)! as never,
  ];
  const rows: Row[] = [];
  const add = (
    name: string,
    porcupine: string,
    ops: number,
    t: { runsMs: number[]; results: CheckResult[] },
  ): void => {
    rows.push({ name, ops, verdict: verdictSummary(t.results), runsMs: t.runsMs, porcupine });
  };
  const etcdOps = etcd.map((h) => h.ops);
  add(
    "etcd corpus (102 files)",
    "380–520",
    etcdOps.flat().length,
    timeRuns(RUNS, casRegisterModel, etcdOps, {}),
  );
  for (const [file, porcupine] of [
    ["c50-ok.txt", "110–230"],
    ["c50-bad.txt", "—"],
  ] as const) {
    add(
      file.slice(0, -4),
      porcupine,
      kv.get(file)!.length,
      timeRuns(RUNS, kvModel, kvCase(file), {}),
    );
  }
  add(
    "c10-ok, no per-key split",
    "~90,000",
    kv.get("c10-ok.txt")!.length,
    timeRuns(RUNS_UNSPLIT, kvModel, kvCase("c10-ok.txt"), { partition: false }),
  );
  console.log(
    ["case", "ops", "verdict", "median ms", "min ms", "max ms", "runs", "Porcupine ms"].join(" | "),
  );
  for (const r of rows) {
    const ms = (x: number): string => x.toFixed(1);
    console.log(
      [
        r.name,
        r.ops,
        r.verdict,
        ms(median(r.runsMs)),
        ms(Math.min(...r.runsMs)),
        ms(Math.max(...r.runsMs)),
        r.runsMs.length,
        r.porcupine,
      ].join(" | "),
    );
  }
}
