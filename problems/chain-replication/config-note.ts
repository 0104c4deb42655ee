// How the master writes each new chain on the fault timeline, and how the report panel reads
// it back: one format, kept here for both (the panel runs in the browser: no Node imports).

export interface ConfigNote {
  epoch: number;
  chain: string[];
  /** "node-1 left", "node-0 joined"; absent for the first chain. */
  change?: string;
}

export function formatConfigNote({ epoch, chain, change }: ConfigNote): string {
  return `master: epoch ${epoch}, chain ${chain.join(" → ") || "(empty)"}${change ? ` (${change})` : ""}`;
}

const NOTE = /^master: epoch (\d+), chain (.*?)(?: \((.*)\))?$/;

export function parseConfigNote(text: string): ConfigNote | null {
  const m = NOTE.exec(text);
  if (!m) return null;
  const chain = m[2] === "(empty)" ? [] : (m[2] ?? "").split(" → ");
  return { epoch: Number(m[1]), chain, ...(m[3] ? { change: m[3] } : {}) };
}
