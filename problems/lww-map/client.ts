// How the judge talks lww_map.proto: its operations, the service, and what a call sends and
// an answer fills in (harness/any-node runs them).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { Operation } from "../../harness/operation.ts";

/**
 * key: the key of a put, delete or get; value: what a put writes; output: what a get
 * returned (null: not found), or what a read returned: every key's value, by key.
 */
export type MapOp = Operation & {
  f: "put" | "delete" | "get" | "read";
  key?: string;
  value?: string;
  output?: string | null | Record<string, string>;
};

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./lww_map.proto", import.meta.url)),
  service: "lwwmap.LwwMapNode",
  // A correct node answers within 1 s (the statement's bound).
  callDeadlineMs: 1200,
};

const METHOD = { put: "Put", delete: "Delete", get: "Get", read: "Read" } as const;

/** A put's value, unique in the run: the client and its operation's number. */
export const putValue = (op: Pick<MapOp, "client" | "sequence">): string =>
  `${op.client}-${op.sequence ?? 0}`;

type Reply = { found?: boolean; value?: string; entries?: { key: string; value: string }[] };

export const CODEC: OpCodec<MapOp, Reply> = {
  method: (op) => METHOD[op.f],
  request(op, clientId) {
    if (op.f === "get") return { key: op.key };
    if (op.f === "read") return {};
    const base = { client_id: clientId, sequence: op.sequence, key: op.key };
    if (op.f === "delete") return base;
    // The value goes on the operation too, for the history and the checks.
    op.value = putValue(op);
    return { ...base, value: op.value };
  },
  answered(op, res) {
    if (op.f === "get") op.output = res?.found ? (res.value ?? "") : null;
    if (op.f === "read") {
      const sorted = [...(res?.entries ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1));
      op.output = Object.fromEntries(sorted.map((e) => [e.key, e.value]));
    }
  },
};
