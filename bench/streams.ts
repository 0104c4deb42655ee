// `npm run bench -- streams`: what open event streams cost the API's other callers. The API
// runs in this process over the local store (tests/api/harness.ts); GET /problems is timed
// with no stream open (the baseline), then with 1,000 and API_LIMITS.eventStreamsMax held
// open on one submission, and one progress change is timed until every stream has it.
import { API_LIMITS } from "../functions/api/limits.ts";
import { openStream, startApi, submitted, type OpenStream } from "../tests/api/harness.ts";

const TIMED_CALLS = 300;

async function timedCalls(url: string): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < TIMED_CALLS; i++) {
    const started = performance.now();
    await (await fetch(url)).arrayBuffer();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

export default async function (): Promise<void> {
  const api = await startApi();
  const held: OpenStream[] = [];
  try {
    const id = await submitted(api);
    const url = `${api.base}/submissions/${id}/events`;
    console.log("| open streams | GET /problems p50 ms | p99 ms | one change to every stream ms |");
    console.log("|---|---|---|---|");
    for (const [round, target] of [0, 1_000, API_LIMITS.eventStreamsMax].entries()) {
      while (held.length < target) {
        const batch = Math.min(50, target - held.length);
        held.push(...(await Promise.all(Array.from({ length: batch }, () => openStream(url)))));
      }
      await Promise.all(held.map((s) => s.waitFor("event: submission")));
      const { p50, p99 } = await timedCalls(`${api.base}/problems`);
      let fanOut = "-";
      if (held.length > 0) {
        const started = performance.now();
        const progress = { scenario: "leader_election", phase: "workload", faults: [] };
        await api.store.putProgress(id, {
          ...progress,
          index: 0,
          atMs: Date.now(),
          opsDone: 1_000 + round,
          elapsedMs: 0,
        });
        await Promise.all(held.map((s) => s.waitFor(`"opsDone":${1_000 + round}`)));
        fanOut = (performance.now() - started).toFixed(0);
      }
      console.log(`| ${target} | ${p50.toFixed(2)} | ${p99.toFixed(2)} | ${fanOut} |`);
    }
  } finally {
    for (const s of held) s.abort();
    await api.close();
  }
}
