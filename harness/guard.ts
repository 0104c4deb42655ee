// A stray error while a scenario runs (a promise rejected with no handler, an exception
// thrown from a callback: a node's answer tripping the judge's code in a way nobody caught)
// must not end the judge's process, which in `npm start` serves every user. While a scenario
// runs, such errors are caught here and become that scenario's `error` verdict.
// Scenarios run one at a time per process, so an error in the window belongs to it.

export interface ScenarioGuard {
  /** What went astray while the guard was up, in order. */
  readonly errors: Error[];
  release(): void;
}

const ERRORS_KEPT = 20;

export function guardScenario(): ScenarioGuard {
  const errors: Error[] = [];
  const keep = (e: unknown): void => {
    if (errors.length < ERRORS_KEPT) errors.push(e instanceof Error ? e : new Error(String(e)));
  };
  process.on("unhandledRejection", keep);
  process.on("uncaughtException", keep);
  return {
    errors,
    release: () => {
      process.off("unhandledRejection", keep);
      process.off("uncaughtException", keep);
    },
  };
}
