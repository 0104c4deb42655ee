// How a leader-based store's clients talk to it: the service in the problem's proto, what an
// answer means to a client, and where each operation must go (Raft's and Multi-Paxos's leader
// for everything; the chain's head for writes and tail for reads).
import type { KvFunction } from "./history.ts";

/** A ClientResponse as the judge decodes it: enums as names, default values filled in. */
export interface KvResponse {
  status: string;
  value: string;
  found: boolean;
  [field: string]: unknown;
}

/** What one answer means to the client. */
export type Answer<Redirect extends string> =
  | { kind: "ok" }
  /** Refused: the node did not apply it; `hint` may name where to go ("" when it knows none). */
  | { kind: "redirect"; result: Redirect; hint: string }
  /** The outcome is unknown: retry, at another node if need be. */
  | { kind: "unavailable" }
  | { kind: "error"; detail: string };

/** The node an operation must reach, by the role it holds: "leader", "head", "tail". */
export type Route = string;

export interface KvWire<Redirect extends string = string> {
  /** The problem's .proto file, absolute. */
  protoPath: string;
  /** The proto's package and the service in it ("raft", "ConsensusNode"), whose rpc
   * ClientRequest takes { client_id, sequence, op, key, value }. */
  packageName: string;
  service: string;
  /** One call waits this long for its answer; past it the attempt is a "deadline". */
  callDeadlineMs: number;
  /** Every attempt result `classify` gives a redirect. */
  redirects: readonly Redirect[];
  classify(res: KvResponse): Answer<Redirect>;
  route(f: KvFunction): Route;
}

/** A wire whose ClientResponse has a `status` enum with OK and UNAVAILABLE, as all ours do. */
export interface StatusWireSpec<Redirect extends string> extends Omit<
  KvWire<Redirect>,
  "redirects" | "classify"
> {
  /** Each status that refuses with a redirect, and its attempt result: { NOT_LEADER: "not_leader" }. */
  redirectStatuses: Readonly<Record<string, Redirect>>;
  /** The response field naming where to go: "leader_hint", "hint". */
  hintField: string;
}

/** OK is ok, UNAVAILABLE unavailable, a redirect status a redirect, anything else an error. */
export function statusWire<Redirect extends string>({
  redirectStatuses,
  hintField,
  ...wire
}: StatusWireSpec<Redirect>): KvWire<Redirect> {
  return {
    ...wire,
    redirects: Object.values(redirectStatuses),
    classify(res) {
      if (res.status === "OK") return { kind: "ok" };
      if (res.status === "UNAVAILABLE") return { kind: "unavailable" };
      if (Object.hasOwn(redirectStatuses, res.status))
        return {
          kind: "redirect",
          result: redirectStatuses[res.status] as Redirect,
          hint: String(res[hintField]),
        };
      return { kind: "error", detail: `status ${res.status}` };
    },
  };
}
