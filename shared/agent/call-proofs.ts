// Who made a call on an agent's TCP ingress, when anyone who can reach that port could
// claim anything (Cloud Run: a node can get an ID token and dial any node service of any
// cluster). With a control token, the cluster's shared secret that no node can read, each
// call carries a proof beside FROM_HEADER: HMAC-SHA256 keyed with the token over who calls
// whom. A peer's agent proves "peer\n<from>\n<to>", the judge's clients "client\n<to>". The
// receiver named in the proof stops its replay to another node, the per-cluster token its
// replay to another cluster. Proofs are fixed per pair (no nonce): they travel only inside
// TLS to Cloud Run's front end, and the receiving agent removes them before its node sees
// a call, so no node ever holds one.
import { createHmac, timingSafeEqual } from "node:crypto";

/** The proof header: a peer's agent and the judge's clients send it on the TCP ingress. */
export const PROOF_HEADER = "x-clusterjudge-proof";

export function peerProof(controlToken: string, from: string, to: string): string {
  return mac(controlToken, `peer\n${from}\n${to}`);
}

export function clientProof(controlToken: string, to: string): string {
  return mac(controlToken, `client\n${to}`);
}

function mac(key: string, message: string): string {
  return createHmac("sha256", key).update(message).digest("base64url");
}

/** Compares secrets in time that depends on their lengths only. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A call's verified caller: a peer's id, or the clients; else why it is refused. */
export type Caller = { party: string } | { refused: string };

/** Checks the calls arriving at node `nodeId`'s TCP ingress. */
export class IngressProofs {
  private readonly peers = new Map<string, string>();
  private readonly client: string;

  constructor(
    controlToken: string,
    nodeId: string,
    peerIds: readonly string[],
    private readonly clientParty: string,
  ) {
    for (const peer of peerIds) this.peers.set(peer, peerProof(controlToken, peer, nodeId));
    this.client = clientProof(controlToken, nodeId);
  }

  /** `from` and `proof`: the call's FROM_HEADER and PROOF_HEADER, as received. */
  caller(from: string | undefined, proof: string | undefined): Caller {
    if (from === undefined) {
      return sameSecret(proof, this.client)
        ? { party: this.clientParty }
        : { refused: "a client call needs the judge's proof" };
    }
    const expected = this.peers.get(from);
    if (expected === undefined) return { refused: "not a peer of this node" };
    return sameSecret(proof, expected) ? { party: from } : { refused: "no valid peer proof" };
  }
}
