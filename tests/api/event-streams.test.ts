// Event streams are bounded and cheap: the API holds API_LIMITS.eventStreamsMax open at once
// (a thousand and more), serves other requests meanwhile, delivers one change to every open
// stream (the local store's watchers share one poll), answers one more with a 429 and
// Retry-After, and takes a new one as soon as a client drops its stream.
import assert from "node:assert/strict";
import { afterAll, beforeAll, test } from "vitest";
import { API_LIMITS } from "../../functions/api/limits.ts";
import { openStream, startApi, submitted, type ApiHarness, type OpenStream } from "./harness.ts";

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

test(
  `${API_LIMITS.eventStreamsMax} streams held at once, one change reaches all, one more is a 429`,
  { timeout: 120_000 },
  async () => {
    const id = await submitted(api);
    const url = `${api.base}/submissions/${id}/events`;
    const streams: OpenStream[] = [];
    try {
      for (let i = 0; i < API_LIMITS.eventStreamsMax; i += 50) {
        const batch = Math.min(50, API_LIMITS.eventStreamsMax - i);
        streams.push(...(await Promise.all(Array.from({ length: batch }, () => openStream(url)))));
      }
      await Promise.all(streams.map((s) => s.waitFor("event: submission")));
      // Others are served while every stream is held.
      assert.equal((await fetch(`${api.base}/problems`)).status, 200);

      const progress = {
        index: 0,
        atMs: Date.now(),
        scenario: "leader_election",
        phase: "workload",
        faults: [],
        opsDone: 7,
        elapsedMs: 1_000,
      };
      await api.store.putProgress(id, progress);
      await Promise.all(streams.map((s) => s.waitFor('"opsDone":7')));

      const refused = await fetch(url);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get("retry-after"), "5");
      assert.match(
        String(((await refused.json()) as { error: string }).error),
        /event streams are open/,
      );

      // A client drops its stream: its place is free again once the server sees it go.
      streams.pop()?.abort();
      let again: Response | null = null;
      for (let tries = 0; tries < 100 && again?.status !== 200; tries++) {
        await again?.body?.cancel();
        await new Promise((r) => setTimeout(r, 50));
        again = await fetch(url);
      }
      assert.equal(again?.status, 200);
      await again?.body?.cancel();
    } finally {
      for (const s of streams) s.abort();
    }
  },
);
