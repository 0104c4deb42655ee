// What `npm run bench` passes every benchmark: the problems to run (--problem, or all).
import type { ProblemDefinition } from "../harness/problem.ts";

export interface BenchOptions {
  problems: readonly ProblemDefinition[];
}
