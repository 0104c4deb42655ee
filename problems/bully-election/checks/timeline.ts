// The run cut into stretches between fault changes (a kill, a restart, a cut, a heal, the
// start), each with the nodes alive in it and whether a link fault was in force, and the
// polls' answers placed in the stretch their call lay in. The answer checks read these.
import type { RunRecord } from "../../../harness/run-record.ts";
import type { PollOp } from "../client.ts";

/** "node-3" → 3: a node's id is the number in its name. */
export const idOf = (node: string): number => Number(node.slice(node.lastIndexOf("-") + 1));

export interface Stretch {
  fromMs: number;
  /** The next change, or Infinity for the last stretch. */
  toMs: number;
  /** What began it, in words. */
  cause: string;
  /** Nodes no kill or pause stopped during it. */
  live: string[];
  /** A partition, a cut or lossy links were in force: no answer is judged in it. */
  linkFault: boolean;
}

type Run = Pick<RunRecord<PollOp>, "originMs" | "nodes" | "faults" | "timeline" | "history">;

/** Every stretch from the scenario's start (the start-up election) to the end. */
export function stretchesOf(run: Run): Stretch[] {
  const changes = new Map<number, string>([[run.originMs, "the start"]]);
  for (const w of run.faults) {
    changes.set(w.startMs, w.description);
    if (w.endMs !== null && !changes.has(w.endMs))
      changes.set(w.endMs, `the end of: ${w.description}`);
  }
  // The timeline says what ended a fault ("restarted node-4", "healed").
  for (const e of run.timeline)
    if (e.event === "end" && changes.has(e.atMs)) changes.set(e.atMs, e.description);
  const times = [...changes.keys()].filter((t) => t >= run.originMs).sort((a, b) => a - b);
  return times.map((fromMs, i) => {
    const inForce = run.faults.filter(
      (w) => w.startMs <= fromMs && (w.endMs === null || w.endMs > fromMs),
    );
    const stopped = new Set(inForce.flatMap((w) => w.stopped ?? []));
    return {
      fromMs,
      toMs: times[i + 1] ?? Infinity,
      cause: changes.get(fromMs) ?? "",
      live: run.nodes.filter((n) => !stopped.has(n)),
      linkFault: inForce.some((w) => !w.stopped),
    };
  });
}

/**
 * When the start-up's settling ends: B after the run's start, or the first fault change if
 * sooner. Before it, five processes are still loading at once on a shared machine.
 */
export function startUpSettledMs(run: Run, boundMs: number): number {
  const [first] = stretchesOf(run);
  return first ? Math.min(first.toMs, first.fromMs + boundMs) : run.originMs + boundMs;
}

/** The highest live id's node, the one every node must name once the stretch settled. */
export function highestLive(stretch: Stretch): string | undefined {
  return [...stretch.live].sort((a, b) => idOf(b) - idOf(a))[0];
}

/** One answered poll: who answered, what it named (null: nobody, electing), when. */
export interface Answer {
  op: PollOp;
  node: string;
  named: number | null;
  startMs: number;
  endMs: number;
}

export function answersOf(run: Run): Answer[] {
  return run.history.flatMap((op) => {
    const ok = op.attempts.findLast((a) => a.result === "ok");
    if (op.outcome !== "ok" || !ok || op.output === undefined) return [];
    return [
      { op, node: ok.node, named: op.output, startMs: ok.startMs, endMs: ok.endMs ?? ok.startMs },
    ];
  });
}

/** The answers whose call started once the bound had passed and ended within the stretch. */
export function settledAnswers(answers: readonly Answer[], s: Stretch, boundMs: number): Answer[] {
  return answers.filter((a) => a.startMs >= s.fromMs + boundMs && a.endMs < s.toMs);
}

export const shownNamed = (named: number | null): string =>
  named === null ? "nobody (electing)" : `node-${named}`;
