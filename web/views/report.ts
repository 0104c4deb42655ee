// The report of one finished scenario in the UI: web/report/scenario-view.ts, the same
// rendering as the file report.html, with its evidence read through the API.
import type { PublicResult } from "../../functions/api/public-view.ts";
import { readHistoryDoc, type FaultsDoc, type HistoryDoc } from "../../shared/report/docs.ts";
import { api } from "../api.ts";
import { scenarioView, type ScenarioEvidence } from "../report/scenario-view.ts";

function apiEvidence(id: string, stored: PublicResult): ScenarioEvidence {
  const { evidence } = stored.result;
  const { index } = stored;
  return {
    async charts() {
      if (!evidence.history || !evidence.faults) return null;
      const [history, faults] = await Promise.all([
        api.evidenceJson<HistoryDoc>(id, index, "history"),
        api.evidenceJson<FaultsDoc>(id, index, "faults"),
      ]);
      return { history: readHistoryDoc(history), faults };
    },
    messages: evidence.messages ? (fromMs, toMs) => api.messages(id, index, fromMs, toMs) : null,
    log: (node) => api.evidenceText(id, index, `logs/${encodeURIComponent(node)}`),
    // Fetched through the API rather than named as the frame's src, so the call carries the
    // user's ID token.
    counterexample: evidence.counterexample
      ? () => api.evidenceText(id, index, "counterexample")
      : null,
  };
}

export function scenarioReport(
  submission: { id: string; problem: string },
  stored: PublicResult,
): HTMLElement {
  const { evidence, ...result } = stored.result;
  return scenarioView({
    problem: submission.problem,
    result,
    nodes: Object.keys(evidence.logs ?? {}).sort(),
    evidence: apiEvidence(submission.id, stored),
  });
}
