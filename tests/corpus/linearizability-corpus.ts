// The public histories with known verdicts, committed with the tests as Porcupine commits
// its own (tests/corpus/data/linearizability, see its README for their origin and licence).
// Shared by the corpus test and the checker benchmark.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Operation, Verdict } from "../../shared/check/index.ts";
import type { CasRegisterInput, CasRegisterOutput } from "../../shared/check/index.ts";
import type { KvInput, KvOutput } from "../../shared/check/index.ts";
import { parseJepsenLog } from "../../shared/check/linearizability/import/jepsen-log.ts";
import { parseJepsenEdnKv } from "../../shared/check/linearizability/import/jepsen-edn.ts";

export const CORPUS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "data",
  "linearizability",
);

export interface CorpusHistory<I, O> {
  file: string;
  expected: Verdict;
  ops: Operation<I, O>[];
}

/** Fails loudly: a missing corpus must never look like a passing check. */
export function requireCorpus(): string {
  if (!existsSync(join(CORPUS_DIR, "etcd", "EXPECTED.txt"))) {
    throw new Error(
      `linearizability corpus not found at ${CORPUS_DIR} (etcd/ and kv/ are committed there)`,
    );
  }
  return CORPUS_DIR;
}

export function loadEtcdCorpus(): CorpusHistory<CasRegisterInput, CasRegisterOutput>[] {
  const dir = join(requireCorpus(), "etcd");
  return readFileSync(join(dir, "EXPECTED.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [file, verdict] = line.trim().split(/\s+/) as [string, Verdict];
      return {
        file,
        expected: verdict,
        ops: parseJepsenLog(file, readFileSync(join(dir, file), "utf8")),
      };
    });
}

export function loadKvCorpus(): CorpusHistory<KvInput, KvOutput>[] {
  const dir = join(requireCorpus(), "kv");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .map((file) => ({
      file,
      expected: file.includes("-ok") ? "linearizable" : "not-linearizable",
      ops: parseJepsenEdnKv(file, readFileSync(join(dir, file), "utf8")),
    }));
}
