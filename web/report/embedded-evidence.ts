// The scenario's evidence as the file report embeds it (shared/report/page-data.ts), served
// to the same view the UI uses, with the API's bound on the messages drawn per window.
import { API_LIMITS } from "../../functions/api/limits.ts";
import type { DiagramMessage, HistoryDoc } from "../../shared/report/docs.ts";
import {
  unpackHistory,
  unpackMessages,
  type ScenarioPageData,
} from "../../shared/report/page-data.ts";
import type { ScenarioEvidence } from "./scenario-view.ts";

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function messagesIn(all: DiagramMessage[]) {
  return async (fromMs: number, toMs: number) => {
    const inWindow = all.filter((m) => m.startMs >= fromMs && m.startMs <= toMs);
    const messages = inWindow.slice(0, API_LIMITS.messagesPerWindowMax);
    return { total: inWindow.length, truncated: messages.length < inWindow.length, messages };
  };
}

export function embeddedEvidence(data: ScenarioPageData): ScenarioEvidence {
  const history: HistoryDoc | null = data.history ? unpackHistory(data.history) : null;
  const messages = data.messages ? unpackMessages(data.messages) : null;
  const last = messages?.[messages.length - 1];
  const messagesNote =
    data.messages && last && data.messages.rows.length < data.messages.total
      ? `This report holds the first ${data.messages.rows.length} of ${data.messages.total} messages (to ${seconds(last.startMs - data.messages.originMs)}); messages.jsonl has them all.`
      : undefined;
  return {
    charts: async () => (history && data.faults ? { history, faults: data.faults } : null),
    messages: messages ? messagesIn(messages) : null,
    ...(messagesNote ? { messagesNote } : {}),
    async log(node) {
      const log = data.logs[node];
      if (!log) return "";
      return log.omittedBytes
        ? `[report] the first ${log.omittedBytes} bytes are left out here; logs/${node}.log has them\n${log.text}`
        : log.text;
    },
    counterexample:
      data.counterexample === undefined ? null : async () => data.counterexample as string,
  };
}
