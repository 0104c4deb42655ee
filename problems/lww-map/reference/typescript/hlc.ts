// Hybrid logical clock stamps (Kulkarni et al.): (wall_ms, logical, node), compared in that
// order. A new stamp exceeds every stamp this node has issued or merged, and follows the
// wall clock when it is ahead, so a write made after this node saw another outranks it
// whatever the two nodes' clocks read, while concurrent writes are ordered by wall time.
import type { Stamp } from "./proto.ts";

/** Negative, zero or positive as a is below, equal to or above b. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.wall_ms !== b.wall_ms) return a.wall_ms < b.wall_ms ? -1 : 1;
  if (a.logical !== b.logical) return a.logical < b.logical ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** The highest (wall_ms, logical) issued or merged so far; the caller persists it. */
export interface ClockState {
  wall_ms: number;
  logical: number;
}

/** A stamp for a write made now: above every stamp seen, and at least the wall clock. */
export function tick(clock: ClockState, nowMs: number, node: string): Stamp {
  const wall = Math.max(clock.wall_ms, Math.floor(nowMs));
  clock.logical = wall === clock.wall_ms ? clock.logical + 1 : 0;
  clock.wall_ms = wall;
  return { wall_ms: wall, logical: clock.logical, node };
}

/** A peer's stamp was merged: later stamps of this node must exceed it. */
export function observe(clock: ClockState, stamp: Stamp): void {
  if (
    stamp.wall_ms > clock.wall_ms ||
    (stamp.wall_ms === clock.wall_ms && stamp.logical > clock.logical)
  ) {
    clock.wall_ms = stamp.wall_ms;
    clock.logical = stamp.logical;
  }
}
