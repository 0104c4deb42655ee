// Two projects: pure and quick files run two at a time, then every file that starts clusters,
// emulators, browsers or timed faults runs alone, so its timing bounds see an idle machine.
// `npm test` runs both through scripts/run-tests.ts, which also checks for leftovers.
import { defineConfig } from "vitest/config";

/** Files that start processes whose timing a loaded machine would disturb. */
const SERIAL = [
  "tests/integration/**",
  "tests/hostile/**",
  "tests/browser/**",
  "tests/cli/**",
  "tests/api/**",
  "tests/functions/**",
  "tests/contract/**",
  "tests/gcp-live/**",
  "tests/support/**",
  "tests/unit/gcp/**",
  "tests/unit/agent/**",
  "tests/unit/toolchains/**",
  "problems/*/tests/reference-nodes/**",
  // Each language's tests build real submissions with its tools.
  "languages/*/tests/**",
]
  .map((dir) => `${dir}/*.test.ts`)
  // Real clusters from the pipeline's own tests: a judge run, a judge killed and resumed, the
  // pipeline end to end and its replays (their deploys would disturb a timed file beside them).
  .concat(
    ["cli", "resume", "pipeline", "idempotency", "slots"].map(
      (f) => `tests/unit/pipeline/${f}.test.ts`,
    ),
  );

const MINUTE = 60_000;

export default defineConfig({
  test: {
    pool: "forks",
    // Our own runner prints the closing tally; node's runner had no per-test time limit either.
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts", "problems/**/*.test.ts", "languages/**/*.test.ts"],
          exclude: ["**/node_modules/**", ...SERIAL],
          maxWorkers: 2,
          testTimeout: 2 * MINUTE,
          hookTimeout: 2 * MINUTE,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "serial",
          include: SERIAL,
          exclude: ["**/node_modules/**"],
          fileParallelism: false,
          testTimeout: 20 * MINUTE,
          hookTimeout: 10 * MINUTE,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
