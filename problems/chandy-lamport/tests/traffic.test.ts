// The checks read Deliver calls as the agents decode them with this problem's proto: the
// field names and the kind's enum names the checks expect are the ones the decoder gives.
import assert from "node:assert/strict";
import protobuf from "protobufjs";
import { test } from "vitest";
import { MessageDecoder } from "../../../shared/agent/decoder.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { channelsOf, DELIVER, markerNumber, tokensBetween } from "../checks/traffic.ts";
import { SERVICE } from "../client.ts";

test("a Deliver call decoded by the agents' decoder is read as its channel's numbered message", () => {
  const root = new protobuf.Root().loadSync(SERVICE.protoPath, { keepCase: true });
  const type = root.lookupType("chandylamport.ChannelMessage");
  const decoder = new MessageDecoder(SERVICE.protoPath);
  const call = (sequence: number, fields: object): MessageRecord => ({
    seq: sequence,
    from: "node-1",
    to: "node-0",
    method: DELIVER,
    startMs: sequence * 10,
    endMs: sequence * 10 + 5,
    requestBytes: 0,
    responseBytes: 0,
    status: 0,
    request: decoder.decode(
      DELIVER,
      "request",
      type.encode(type.fromObject({ from: "node-1", sequence, ...fields })).finish(),
    ),
  });
  const channels = channelsOf([
    call(1, { kind: "TOKENS", amount: 7 }),
    call(2, { kind: "MARKER", snapshot_id: 3 }),
  ]);
  const channel = channels.get("node-1→node-0");
  assert.equal(markerNumber(channel, 3), 2);
  assert.deepEqual(
    tokensBetween(channel, 1, 2)?.map((m) => [m.sequence, m.amount]),
    [[1, 7]],
  );
  assert.deepEqual(channel?.faults, []);
});
