// The family's window search (harness/rate-limit/window-search.ts) against a brute force
// over every window with whole-millisecond ends: the search looks only at windows from an
// invoke to a complete, and must find an over-admission exactly when one exists. It lives
// here because only tests/ and problems/ hold the unit tests; every rate limiter relies on it.
import fc from "fast-check";
import { expect, test } from "vitest";
import {
  findOverAdmission,
  type Span,
  type WindowBound,
} from "../../../../harness/rate-limit/index.ts";

const HORIZON = 40;

function bruteForce(spans: readonly Span[], bound: WindowBound): boolean {
  for (let from = 0; from <= HORIZON; from++)
    for (let to = from; to <= HORIZON; to++) {
      const inside = spans.filter((s) => s.startMs >= from && s.endMs <= to).length;
      if (inside > bound(from, to)) return true;
    }
  return false;
}

const spans = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: HORIZON }), fc.integer({ min: 0, max: 8 }))
    .map(([startMs, length]) => ({ startMs, endMs: Math.min(HORIZON, startMs + length) })),
  { maxLength: 14 },
);

/** Token-bucket-like bounds b + r·(t2 − t1), and fixed-window-like N per started window. */
const bounds = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 0.5, noNaN: true })).map(
    ([b, r]): WindowBound =>
      (from, to) =>
        b + r * (to - from),
  ),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 3, max: 12 })).map(
    ([n, w]): WindowBound =>
      (from, to) =>
        n * (Math.floor(to / w) - Math.floor(from / w) + 1),
  ),
);

test("finds an over-admission exactly when some window holds one", () => {
  fc.assert(
    fc.property(spans, bounds, (list, bound) => {
      const found = findOverAdmission(list, bound);
      expect(found !== null).toBe(bruteForce(list, bound));
      if (found) {
        // What it reports is itself a witness.
        expect(found.inside.length).toBeGreaterThan(found.bound);
        for (const s of found.inside) {
          expect(s.startMs).toBeGreaterThanOrEqual(found.fromMs);
          expect(s.endMs).toBeLessThanOrEqual(found.toMs);
        }
        expect(found.bound).toBe(bound(found.fromMs, found.toMs));
      }
    }),
    { numRuns: 20_000 },
  );
});

test("a span starting before the window but ending with the window's last does not hide it", () => {
  const list = [
    { startMs: 5, endMs: 6 },
    { startMs: 5, endMs: 7 },
    { startMs: 0, endMs: 7 },
  ];
  expect(findOverAdmission(list, (from) => (from >= 5 ? 1 : 5))?.inside).toEqual([
    list[0],
    list[1],
  ]);
});

test("counts only requests wholly inside: overlapping ones at a window's edge do not count", () => {
  const list = [
    { startMs: 0, endMs: 10 },
    { startMs: 5, endMs: 6 },
    { startMs: 6, endMs: 12 },
  ];
  expect(findOverAdmission(list, () => 1)?.inside).toEqual([list[0], list[1]]);
  expect(findOverAdmission(list, (from, to) => (to - from >= 6 ? 3 : 1))).toBeNull();
});
