// Chandy-Lamport's own panel in the report: every snapshot the judge started, where and when,
// and what each node's final GetSnapshot said of it (its recorded balance plus the tokens in
// its recorded incoming channels), with the snapshot's total, which must be 3000.
import type { HistoryOp } from "../../shared/report/docs.ts";
import type { ReportPanel } from "../../shared/report/panel.ts";

interface Recorded {
  recorded?: boolean;
  complete?: boolean;
  balance?: number;
  channels?: { messages?: { amount?: number }[] }[];
}

const snapshotOf = (op: HistoryOp): number => Number((op as { snapshot_id?: unknown }).snapshot_id);
const nodeOf = (op: HistoryOp): string => op.attempts?.at(-1)?.node ?? "?";

/** "1012 + 7", "1012 + 7 (incomplete)", "not recorded", or "no answer". */
function cell(read: HistoryOp | undefined): { text: string; tokens: number | null } {
  if (!read || read.type !== "ok") return { text: "no answer", tokens: null };
  const view = (read.output ?? {}) as Recorded;
  if (!view.recorded) return { text: "not recorded", tokens: null };
  const inChannels = (view.channels ?? [])
    .flatMap((c) => c.messages ?? [])
    .reduce((t, m) => t + Number(m.amount ?? 0), 0);
  const balance = Number(view.balance ?? 0);
  return {
    text: `${balance} + ${inChannels}${view.complete ? "" : " (incomplete)"}`,
    tokens: balance + inChannels,
  };
}

export const panel: ReportPanel = {
  title: "What each snapshot recorded",
  content({ history, nodes }) {
    const starts = history.ops.filter((op) => op.f === "start");
    if (!starts.length) return null;
    const reads = history.ops.filter((op) => op.f === "read");
    const rows = starts.map((start) => {
      const id = snapshotOf(start);
      const cells = nodes.map((node) =>
        cell(reads.find((r) => snapshotOf(r) === id && nodeOf(r) === node)),
      );
      const total = cells.every((c) => c.tokens !== null)
        ? String(cells.reduce((t, c) => t + (c.tokens ?? 0), 0))
        : "—";
      return [
        id,
        nodeOf(start),
        Number(((start.startMs - history.originMs) / 1000).toFixed(3)),
        ...cells.map((c) => c.text),
        total,
      ];
    });
    return {
      caption:
        "Each row is a snapshot the judge started: the node and the time, then what every node's final GetSnapshot reported, as its recorded balance + the tokens in its recorded incoming channels. Every complete snapshot must hold 3000 in all; the checks also hold each channel state and balance to the numbered traffic.",
      table: { columns: ["snapshot", "started at", "at (s)", ...nodes, "total"], rows },
    };
  },
};
