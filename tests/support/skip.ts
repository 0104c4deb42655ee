// vitest's `skip` option is a boolean; ours say why. `skipIf(reason)` skips when there is a
// reason and prints it once per file, so a skipped test is never silent about its cause.
const said = new Set<string>();

export function skipIf(reason: string | false | null | undefined): { skip: boolean } {
  if (reason && !said.has(reason)) {
    said.add(reason);
    console.info(`skipped: ${reason}`);
  }
  return { skip: Boolean(reason) };
}
