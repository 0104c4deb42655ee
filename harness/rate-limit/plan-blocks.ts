// The shapes rate limiter plans share: clients that keep a key saturated, steady streams the
// over-denial check judges, and bursts.
import type { RateBurst, RateStream } from "./workload.ts";

/** Clients that each send again 0–10 ms after their answer: far above any plan's limit. */
export function saturating(
  key: string,
  fromMs: number,
  toMs: number,
  clients: number,
  nodes?: string[],
): RateStream {
  return { key, clients, thinkMs: [0, 10], fromMs, toMs, ...(nodes && { nodes }) };
}

/** A steady stream: `clients` clients, each pausing thinkMs between its requests. */
export function steady(
  key: string,
  fromMs: number,
  toMs: number,
  clients: number,
  thinkMs: [number, number],
): RateStream {
  return { key, clients, thinkMs, fromMs, toMs, steady: true };
}

/**
 * The most requests per second a stream's clients send, whatever the answers' delays: each
 * client waits at least thinkMs[0] after an answer before its next request.
 */
export const peakRatePerSecond = (stream: RateStream): number =>
  (stream.clients * 1000) / Math.max(1, stream.thinkMs[0]);

/** `requests` at once on `key`, once every node is configured, to the nodes in turn. */
export function burst(
  key: string,
  atMs: number,
  requests: number,
  align?: RateBurst["align"],
): RateBurst {
  return { key, atMs, requests, whenConfigured: true, ...(align && { align }) };
}
