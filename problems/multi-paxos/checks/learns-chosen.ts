// A node acts on a slot only once it is chosen: every Learn it sends, and every OK it
// answers a client (naming the slot the command was applied at), follows either its own
// proposal of that command for the slot being accepted by a majority less one other
// acceptors at one ballot, or a Learn of it sent to the node. A node applying on its own
// acceptance, answering a read from its local state (slot 0, or a slot that does not hold
// the read), or announcing a slot a minority accepted is caught here.
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { claims } from "./claims.ts";
import { knowledge } from "./knowledge.ts";
import { describeCommand, describeMessage, type PaxosTraffic } from "./traffic.ts";

const PROPERTY = "nodes act only on chosen slots";

export function checkLearnsChosen(traffic: PaxosTraffic): PropertyResult {
  const known = knowledge(traffic);
  const all = claims(traffic.messages);
  let justified = 0;
  for (const c of all) {
    if (known.justification(c.node, c.slot, c.command, c.atMs)) {
      justified++;
      continue;
    }
    const what =
      c.how === "sent"
        ? `sent a Learn of slot ${c.slot} with ${describeCommand(c.message)} to ${c.message.to}`
        : `answered OK to ${describeCommand(c.message)} as applied at slot ${c.slot}`;
    if (traffic.messagesDropped > 0)
      return inconclusive(
        PROPERTY,
        `${c.node} ${what} with no sign it was chosen, but the agents dropped ${traffic.messagesDropped} old messages, which may have shown it`,
      );
    return violated(
      PROPERTY,
      `${c.node} ${what}, but by then no majority had accepted that command there at one ballot (counting ${c.node} itself) and no Learn of it had been sent to ${c.node}: a command is applied, announced and answered only once it is chosen`,
      [describeMessage(c.message, traffic.originMs)],
    );
  }
  if (justified === 0) return inconclusive(PROPERTY, "no node sent a Learn or answered OK");
  return holds(
    PROPERTY,
    `${justified} Learns and OK answers, each after its slot was chosen with that command`,
  );
}
