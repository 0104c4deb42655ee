// A realistic peer call of any problem for the agent bench: the service method whose request
// carries the most fields (Raft's AppendEntries, a Paxos Accept...), with every field filled
// and one element in each repeated field, framed for gRPC.
import protobuf from "protobufjs";

export interface SampleCall {
  /** The gRPC path, e.g. "/raft.ConsensusNode/AppendEntries". */
  path: string;
  frame: Buffer;
}

export function sampleCall(protoPath: string): SampleCall {
  const root = new protobuf.Root().loadSync(protoPath, { keepCase: true }).resolveAll();
  const methods = services(root).flatMap((s) =>
    s.methodsArray.map((m) => ({ service: s, method: m })),
  );
  const richest = methods
    .map((x) => ({ ...x, type: root.lookupType(x.method.requestType) }))
    .sort((a, b) => weight(b.type) - weight(a.type))[0];
  if (!richest) throw new Error(`${protoPath} declares no service method`);
  const message = richest.type.encode(richest.type.fromObject(filled(richest.type, 0))).finish();
  const head = Buffer.alloc(5);
  head.writeUInt32BE(message.length, 1);
  return {
    path: `/${richest.service.fullName.slice(1)}/${richest.method.name}`,
    frame: Buffer.concat([head, message]),
  };
}

function services(ns: protobuf.NamespaceBase): protobuf.Service[] {
  return ns.nestedArray.flatMap((n) =>
    n instanceof protobuf.Service ? [n] : n instanceof protobuf.Namespace ? services(n) : [],
  );
}

/** Fields counted through nested messages (two levels), so a log entry list outweighs a flag. */
function weight(type: protobuf.Type, depth = 0): number {
  return type.fieldsArray.reduce(
    (n, f) =>
      n +
      1 +
      (f.resolvedType instanceof protobuf.Type && depth < 2
        ? weight(f.resolvedType, depth + 1)
        : 0),
    0,
  );
}

function filled(type: protobuf.Type, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const value = sampleValue(field, depth);
    if (value !== undefined) out[field.name] = field.repeated ? [value] : value;
  }
  return out;
}

function sampleValue(field: protobuf.Field, depth: number): unknown {
  if (field.resolvedType instanceof protobuf.Type) {
    return depth < 2 ? filled(field.resolvedType, depth + 1) : undefined;
  }
  if (field.resolvedType instanceof protobuf.Enum) return field.resolvedType.valuesById[0] ?? 0;
  switch (field.type) {
    case "string":
      return "node-1";
    case "bytes":
      return Buffer.alloc(32, 1);
    case "bool":
      return true;
    case "double":
    case "float":
      return 1.5;
    default:
      return 42; // every integer type
  }
}
