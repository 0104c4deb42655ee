// The C++ template generator: g-counter's starter as a reviewed file (a change to the
// generator shows up in the diff), and a proto with two services gets both served and both
// stubbed for every peer.
import assert from "node:assert/strict";
import { expect, test } from "vitest";
import { templateInput } from "../../template-proto.ts";
import { cppTemplate } from "../template.ts";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf } from "../../../problems/templates.ts";

test("g-counter's C++ template is the reviewed main.cc", async () => {
  const files = templateOf(registeredProblem("g-counter"), "cpp");
  assert.deepEqual(Object.keys(files), ["main.cc"]);
  await expect(files["main.cc"]).toMatchFileSnapshot("./__snapshots__/g-counter.main.cc");
});

test("every service of a proto is served, and stubbed for every peer", () => {
  const protoText = [
    'syntax = "proto3";',
    "package shop.v1;",
    "message Empty {}",
    "service Cart { rpc Put(Empty) returns (Empty); }",
    "service PeerSync { rpc Push(Empty) returns (Empty); rpc Pull(Empty) returns (Empty); }",
  ].join("\n");
  const input = templateInput({ slug: "shop", title: "Shop", protoFile: "shop.proto", protoText });
  const main = cppTemplate(input)["main.cc"] ?? "";
  for (const expected of [
    "class CartImpl final : public shop::v1::Cart::Service {",
    "class PeerSyncImpl final : public shop::v1::PeerSync::Service {",
    "peer.peer_sync = shop::v1::PeerSync::NewStub(peer.channel);",
    "builder.RegisterService(&cart_service);",
    "builder.RegisterService(&peer_sync_service);",
    '#include "shop.grpc.pb.h"',
  ])
    assert.ok(main.includes(expected), `missing: ${expected}`);
  assert.equal(main.match(/StatusCode::UNIMPLEMENTED/g)?.length, 3);
});
