// The statistical bounds (harness/sharded-kv/bounds.ts) against this ring's own luck: every
// four- and five-member ring of node-0…node-4, for every allowed V, has exact shares (arc
// lengths) whose largest balance and share range, widened by 4.5 standard deviations of
// sampling 2,000 keys, stay within the bounds; and a short rerun of the simulation stays in.
import assert from "node:assert/strict";
import { test } from "vitest";
import { extremes, PROBE_KEYS } from "../../../harness/sharded-kv/bounds-simulation.ts";
import { statBounds } from "../../../harness/sharded-kv/bounds.ts";
import { ALLOWED_VNODES, ringPoints } from "../ring.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const MEMBERSHIPS = [NODES, ...NODES.map((n) => NODES.filter((m) => m !== n))];
const RING = 2 ** 64;

/** Each member's exact share of the ring: the arcs ending at its points. */
function exactShares(members: readonly string[], vnodes: number): Map<string, number> {
  const points = ringPoints(members, vnodes);
  const shares = new Map(members.map((m) => [m, 0]));
  points.forEach((p, i) => {
    const prev = i === 0 ? (points.at(-1)?.at ?? 0n) - BigInt(RING) : (points[i - 1]?.at ?? 0n);
    shares.set(p.node, (shares.get(p.node) ?? 0) + Number(p.at - prev) / RING);
  });
  return shares;
}

const sd = (share: number) => Math.sqrt((share * (1 - share)) / PROBE_KEYS);

for (const vnodes of ALLOWED_VNODES)
  test(`V=${vnodes}: the rings of node-0…node-4 are inside the bounds with 4.5 sd of sampling`, () => {
    const bounds = statBounds(vnodes);
    for (const members of MEMBERSHIPS) {
      const shares = [...exactShares(members, vnodes).values()];
      assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      const n = members.length;
      const worst = Math.max(...shares.map((s) => (s + 4.5 * sd(s)) * n));
      assert.ok(
        worst <= bounds.balance(n),
        `${members.join(",")}: ${worst} > ${bounds.balance(n)}`,
      );
      const [lo, hi] = bounds.share(n);
      for (const s of shares)
        assert.ok(
          s - 4.5 * sd(s) >= lo && s + 4.5 * sd(s) <= hi,
          `${members.join(",")}: share ${s}`,
        );
    }
  });

test("a short rerun of the simulation stays within every bound", () => {
  for (const vnodes of [0, ...ALLOWED_VNODES])
    for (const members of [4, 5]) {
      const e = extremes(5, members, vnodes, 200);
      const bounds = statBounds(vnodes);
      const [lo, hi] = bounds.share(members);
      assert.ok(
        e.maxBalance <= bounds.balance(members) && e.minShare >= lo && e.maxShare <= hi,
        JSON.stringify(e),
      );
    }
});
