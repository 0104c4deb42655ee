// The chain's own panel in the report: every configuration the judge's master sent, from the
// fault timeline (master.ts notes each one), so a reader sees which node was head and tail
// when, and which failure or rejoin made each epoch.
import type { ReportPanel } from "../../shared/report/panel.ts";
import { secondsSince } from "../../web/report/marks.ts";
import { parseConfigNote } from "./config-note.ts";

export const panel: ReportPanel = {
  title: "The chain and its epochs",
  content({ faults }) {
    const rows = faults.timeline.flatMap((entry) => {
      const note = parseConfigNote(entry.description);
      if (!note) return [];
      const { chain } = note;
      return [
        [
          note.epoch,
          secondsSince(faults.originMs, entry.atMs).toFixed(2),
          chain[0] ?? "",
          chain.slice(1, -1).join(", ") || "—",
          chain.length > 1 ? (chain.at(-1) ?? "") : "(the head)",
          note.change ?? "first chain",
        ],
      ];
    });
    if (!rows.length) return null;
    return {
      caption:
        "Each configuration the judge (the chain's master) sent, when it sent it, and why: a member that died leaves at once, a restarted node rejoins at the tail and receives the state from its predecessor.",
      table: { columns: ["epoch", "sent at (s)", "head", "middle", "tail", "change"], rows },
    };
  },
};
