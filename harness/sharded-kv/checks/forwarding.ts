// "forwarding" (statements, "Checks"): every ForwardPut and ForwardGet the agents recorded went,
// from the node that sent it (the agent knows it), to the owner of its key under the membership
// of the epoch the sender wrote in it. A correct node forwards to the owner under its view
// and writes that view's epoch, so a lost answer, a delay or a retry cannot make it differ.
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { PropertyResult } from "../../../shared/check/property.ts";
import type { Messages } from "../../../shared/ports/cluster.ts";
import type { OwnerFunction } from "./owners.ts";
import { membershipOf, type ShardRecord } from "../record.ts";

const NAME = "forwarding";
const FORWARDS = /\/Forward(Put|Get)$/;

export function checkForwarding(
  record: ShardRecord,
  messages: Messages,
  ownerFunction: OwnerFunction,
  scheme: string,
): PropertyResult {
  const owners = new Map<number, (key: string) => string>();
  let checked = 0;
  for (const m of messages) {
    if (!FORWARDS.test(m.method) || m.from === "client") continue;
    const key = m.request?.["key"];
    const epoch = Number(m.request?.["epoch"]);
    const sent = membershipOf(record, epoch);
    if (typeof key !== "string" || !sent) continue;
    if (!owners.has(epoch)) owners.set(epoch, ownerFunction(sent.members));
    const owner = (owners.get(epoch) as (key: string) => string)(key);
    checked++;
    if (m.to !== owner)
      return violated(
        NAME,
        `${m.from} forwarded "${key}" under epoch ${epoch} to ${m.to}, but the ${scheme} over that epoch's members (${sent.members.join(", ")}) names ${owner}.`,
        [`${m.method} ${m.from} → ${m.to} at seq ${m.seq}: key "${key}", epoch ${epoch}`],
      );
  }
  if (!checked)
    return inconclusive(NAME, "The agents recorded no forwarded call of a known epoch.");
  return holds(NAME, `All ${checked} forwarded calls went to their key's owner under their epoch.`);
}
