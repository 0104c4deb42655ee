// The search behind every rate limiter's over-admission check: each allowed request was
// decided at some moment of its [invoke, complete] interval, so the requests whose whole
// interval lies inside a window [t1, t2] were surely decided inside it. A window holding more
// of them than the algorithm's bound for [t1, t2] proves the limiter admitted too many.
// Only windows from some request's invoke to some request's complete need looking at: any
// other window can shrink to the tightest such one around the same requests, and the bound
// does not grow as a window shrinks.

/**
 * The most requests a correct limiter lets through in [fromMs, toMs] (judge's clock, ms),
 * for one key. It must not decrease when the window widens.
 */
export type WindowBound = (fromMs: number, toMs: number) => number;

export interface Span {
  startMs: number;
  endMs: number;
}

export interface OverAdmission<S extends Span> {
  fromMs: number;
  toMs: number;
  /** The requests wholly inside [fromMs, toMs], by invoke time. */
  inside: S[];
  bound: number;
}

/**
 * The first window (earliest start, then earliest end) holding more spans than `bound`
 * allows, or null. O(n²) in the spans: the allowed requests of one key.
 */
export function findOverAdmission<S extends Span>(
  spans: readonly S[],
  bound: WindowBound,
): OverAdmission<S> | null {
  const byEnd = [...spans].sort((a, b) => a.endMs - b.endMs);
  const starts = [...new Set(spans.map((s) => s.startMs))].sort((a, b) => a - b);
  for (const fromMs of starts) {
    let count = 0;
    for (let j = 0; j < byEnd.length; j++) {
      const span = byEnd[j] as S;
      if (span.startMs >= fromMs) count++;
      // Spans ending at the same moment all belong to the window ending then.
      const next = byEnd[j + 1];
      if (count === 0 || (next && next.endMs === span.endMs)) continue;
      const toMs = span.endMs;
      const limit = bound(fromMs, toMs);
      if (count > limit) {
        const inside = spans
          .filter((s) => s.startMs >= fromMs && s.endMs <= toMs)
          .sort((a, b) => a.startMs - b.startMs);
        return { fromMs, toMs, inside, bound: limit };
      }
    }
  }
  return null;
}
