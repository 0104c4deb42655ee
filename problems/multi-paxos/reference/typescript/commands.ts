// The command a slot holds: a client operation copied verbatim from its request, or the NOOP a
// new leader puts in a slot that no promise reported a value for.
import type { Ballot } from "./ballot.ts";
import type { Operation } from "./proto.ts";

export type Op = Exclude<Operation, "OPERATION_UNSPECIFIED">;

export interface Command {
  clientId: string;
  sequence: number;
  op: Op;
  key: string;
  value: string;
}

/** A proposal an acceptor accepted: what a promise reports for one slot. */
export interface Accepted {
  ballot: Ballot;
  command: Command;
}

export const NOOP: Command = { clientId: "", sequence: 0, op: "NOOP", key: "", value: "" };

/** The wire spelling of a command, as Accept, Learn and AcceptedSlot carry it. */
export interface WireCommand {
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}

export const toWire = (c: Command): WireCommand => ({
  client_id: c.clientId,
  sequence: c.sequence,
  op: c.op,
  key: c.key,
  value: c.value,
});

export function fromWire(w: WireCommand): Command {
  // Only a client operation or NOOP is ever proposed; anything else on the wire is a NOOP.
  const op = w.op === "OPERATION_UNSPECIFIED" ? "NOOP" : w.op;
  return { clientId: w.client_id, sequence: w.sequence, op, key: w.key, value: w.value };
}

/** One key per client operation, for "is this operation in a slot here". */
export const opKey = (clientId: string, sequence: number): string => `${sequence}:${clientId}`;
