// What a log entry's opaque command holds: a client operation as JSON, or nothing for the
// no-op a leader appends at the start of its term.

export type ClientOp = "GET" | "PUT" | "APPEND";

export interface ClientCommand {
  clientId: string;
  sequence: number;
  op: ClientOp;
  key: string;
  value: string;
}

const noop = Buffer.alloc(0);

export const encodeNoop = (): Buffer => noop;

export const encodeCommand = (c: ClientCommand): Buffer => Buffer.from(JSON.stringify(c));

/** The client operation in a command, or null for a no-op. */
export function decodeCommand(bytes: Buffer): ClientCommand | null {
  if (bytes.length === 0) return null;
  return JSON.parse(bytes.toString("utf8")) as ClientCommand;
}

/** One key per client operation, for "is this operation in my log". */
export const opKey = (clientId: string, sequence: number): string => `${sequence}:${clientId}`;
