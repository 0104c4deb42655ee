// The proofs an agent's TCP ingress asks for: who may claim what, and what a proof made
// for another node, another cluster or another caller is worth there (nothing).
import assert from "node:assert/strict";
import { test } from "vitest";
import {
  IngressProofs,
  clientProof,
  peerProof,
  sameSecret,
} from "../../../shared/agent/call-proofs.ts";

const TOKEN = "a-control-token-of-32-characters";
const proofs = new IngressProofs(TOKEN, "node-2", ["node-1", "node-3"], "client");

test("a peer's proof names sender and receiver; the client's names the receiver", () => {
  assert.deepEqual(proofs.caller("node-1", peerProof(TOKEN, "node-1", "node-2")), {
    party: "node-1",
  });
  assert.deepEqual(proofs.caller(undefined, clientProof(TOKEN, "node-2")), { party: "client" });
  assert.match(peerProof(TOKEN, "node-1", "node-2"), /^[\w-]{43}$/, "HMAC-SHA256, base64url");
});

test("proofs for another pair, node, cluster or kind of caller are refused", () => {
  const refused = [
    proofs.caller("node-1", undefined),
    proofs.caller("node-1", ""),
    proofs.caller("node-1", peerProof(TOKEN, "node-3", "node-2")),
    proofs.caller("node-1", peerProof(TOKEN, "node-1", "node-3")),
    proofs.caller("node-1", peerProof("another-clusters-token-32-chars!", "node-1", "node-2")),
    proofs.caller("node-1", clientProof(TOKEN, "node-2")),
    proofs.caller(undefined, peerProof(TOKEN, "node-1", "node-2")),
    proofs.caller(undefined, clientProof(TOKEN, "node-1")),
    proofs.caller(undefined, undefined),
    // A claim for itself, or for a node that is no peer, whatever comes with it.
    proofs.caller("node-2", peerProof(TOKEN, "node-2", "node-2")),
    proofs.caller("node-9", peerProof(TOKEN, "node-9", "node-2")),
    proofs.caller("client", clientProof(TOKEN, "node-2")),
  ];
  for (const caller of refused) assert.ok("refused" in caller, JSON.stringify(caller));
});

test("sameSecret: equal strings only, any length", () => {
  assert.equal(sameSecret("abc", "abc"), true);
  assert.equal(sameSecret("abd", "abc"), false);
  assert.equal(sameSecret("abcd", "abc"), false);
  assert.equal(sameSecret(undefined, "abc"), false);
  assert.equal(sameSecret("é", "é"), true);
});
