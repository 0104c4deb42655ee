// What nodes claim is chosen, read from their own words on the wire: each Learn a node sent
// (whether or not it arrived, the sender took the slot for chosen) and each OK it answered a
// client, whose slot field names where that command was applied.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";
import { CLIENT_REQUEST, LEARN, answered, commandOf, slotOf } from "./traffic.ts";

export interface Claim {
  node: string;
  slot: number;
  command: string;
  /** When the node had made the claim, on its own agent's clock. */
  atMs: number;
  /** "sent" a Learn, or "answered" a client OK. */
  how: "sent" | "answered";
  message: MessageRecord;
}

export function claims(messages: Messages): Claim[] {
  const out: Claim[] = [];
  for (const m of messages) {
    const command = commandOf(m);
    if (command === null) continue;
    if (m.method === LEARN) {
      const slot = slotOf(m);
      if (slot !== null)
        out.push({ node: m.from, slot, command, atMs: m.startMs, how: "sent", message: m });
    } else if (m.method === CLIENT_REQUEST && answered(m) && m.response["status"] === "OK") {
      const slot = m.response["slot"];
      if (typeof slot === "number")
        out.push({ node: m.to, slot, command, atMs: m.endMs, how: "answered", message: m });
    }
  }
  return out;
}
