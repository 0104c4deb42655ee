// Decodes recorded gRPC messages with the problem's proto, shallowly and cheaply: scalar
// fields by their proto names (defaults filled in, 64-bit integers as numbers, enums by
// name), bytes left out, repeated message fields counted as `<name>_count`. One pass over
// the wire format with no per-entry objects, so a large AppendEntries costs little.
import protobuf from "protobufjs";
import { DECODED_LIST_ITEMS_MAX, DECODED_STRING_CHARS_MAX, DECODE_DEPTH_MAX } from "./limits.ts";

type Decoded = Record<string, unknown>;

interface FieldPlan {
  name: string;
  type: string;
  repeated: boolean;
  /** Counted, not decoded: repeated messages and maps. */
  counted: boolean;
  message: protobuf.Type | null;
  enumeration: protobuf.Enum | null;
}

interface TypePlan {
  byId: Map<number, FieldPlan>;
  defaults: Decoded;
  /** Repeated scalar fields: each decode needs its own empty array. */
  lists: string[];
}

/** What a decoded scalar field holds: the type of its value, an enum's value names. */
export type FieldKind = { type: "number" | "string" | "bool" } | { type: "enum"; names: string[] };

export interface MethodTypes {
  request: protobuf.Type;
  response: protobuf.Type;
}

const WIRE_LENGTH_DELIMITED = 2;
const PACKABLE = new Set(["string", "bytes"]);

export class MessageDecoder {
  private readonly methods = new Map<string, MethodTypes>();
  private readonly plans = new Map<protobuf.Type, TypePlan>();

  constructor(protoPath: string) {
    const root = new protobuf.Root().loadSync(protoPath, { keepCase: true });
    root.resolveAll();
    for (const service of allServices(root)) {
      const prefix = `/${service.fullName.replace(/^\./, "")}/`;
      for (const method of service.methodsArray) {
        method.resolve();
        const request = method.resolvedRequestType;
        const response = method.resolvedResponseType;
        if (request && response) this.methods.set(prefix + method.name, { request, response });
      }
    }
  }

  /** Whether the proto defines this gRPC path ("/raft.ConsensusNode/AppendEntries"). */
  has(method: string): boolean {
    return this.methods.has(method);
  }

  /** Every gRPC path the proto defines. */
  paths(): string[] {
    return [...this.methods.keys()];
  }

  /**
   * The decoded fields of one message that hold a single comparable value, by the name
   * `decode` gives them: scalars, enums (by name) and counted fields (`<name>_count`).
   * Undefined when the proto does not define `method`.
   */
  scalarFields(
    method: string,
    direction: "request" | "response",
  ): Map<string, FieldKind> | undefined {
    const types = this.methods.get(method);
    if (!types) return undefined;
    const kinds = new Map<string, FieldKind>();
    for (const field of this.plan(types[direction]).byId.values()) {
      if (field.counted) kinds.set(`${field.name}_count`, { type: "number" });
      else if (field.repeated || field.message || field.type === "bytes") continue;
      else if (field.enumeration) {
        kinds.set(field.name, { type: "enum", names: Object.keys(field.enumeration.values) });
      } else if (field.type === "string" || field.type === "bool") {
        kinds.set(field.name, { type: field.type });
      } else kinds.set(field.name, { type: "number" });
    }
    return kinds;
  }

  /** Decodes one message of `method`, or returns undefined when it cannot. */
  decode(
    method: string,
    direction: "request" | "response",
    bytes: Uint8Array,
  ): Decoded | undefined {
    const types = this.methods.get(method);
    if (!types) return undefined;
    try {
      return this.decodeType(types[direction], protobuf.Reader.create(bytes), bytes.length, 0);
    } catch {
      return undefined; // not this proto's message: a node speaking something else
    }
  }

  private decodeType(
    type: protobuf.Type,
    reader: protobuf.Reader,
    end: number,
    depth: number,
  ): Decoded {
    const plan = this.plan(type);
    const out: Decoded = { ...plan.defaults };
    for (const name of plan.lists) out[name] = [];
    while (reader.pos < end) {
      const tag = reader.uint32();
      const wire = tag & 7;
      const field = plan.byId.get(tag >>> 3);
      if (!field) {
        reader.skipType(wire);
        continue;
      }
      if (field.counted) {
        out[`${field.name}_count`] = (out[`${field.name}_count`] as number) + 1;
        reader.skipType(wire);
      } else if (field.type === "bytes") {
        reader.skipType(wire);
      } else if (field.message) {
        const length = reader.uint32();
        const fieldEnd = reader.pos + length;
        if (depth < DECODE_DEPTH_MAX) {
          out[field.name] = this.decodeType(field.message, reader, fieldEnd, depth + 1);
        }
        reader.pos = fieldEnd;
      } else if (field.repeated) {
        const list = out[field.name] as unknown[];
        if (wire === WIRE_LENGTH_DELIMITED && !PACKABLE.has(field.type)) {
          const packedEnd = reader.uint32() + reader.pos;
          while (reader.pos < packedEnd) pushBounded(list, scalar(reader, field));
        } else {
          pushBounded(list, scalar(reader, field));
        }
      } else {
        out[field.name] = scalar(reader, field);
      }
    }
    return out;
  }

  private plan(type: protobuf.Type): TypePlan {
    const known = this.plans.get(type);
    if (known) return known;
    const byId = new Map<number, FieldPlan>();
    const defaults: Decoded = {};
    const lists: string[] = [];
    for (const field of type.fieldsArray) {
      field.resolve();
      const message = field.resolvedType instanceof protobuf.Type ? field.resolvedType : null;
      const enumeration = field.resolvedType instanceof protobuf.Enum ? field.resolvedType : null;
      const counted = field.map || (field.repeated && message !== null);
      const plan = {
        name: field.name,
        type: field.type,
        repeated: field.repeated,
        counted,
        message,
        enumeration,
      };
      byId.set(field.id, plan);
      if (counted) defaults[`${field.name}_count`] = 0;
      else if (field.repeated && field.type !== "bytes") lists.push(field.name);
      else if (!field.partOf && !message && field.type !== "bytes")
        defaults[field.name] = zero(plan);
    }
    const plan = { byId, defaults, lists };
    this.plans.set(type, plan);
    return plan;
  }
}

/** Repeated scalars are kept as arrays, cut at a bound. */
function pushBounded(list: unknown[], value: unknown): void {
  if (list.length < DECODED_LIST_ITEMS_MAX) list.push(value);
}

function zero(field: FieldPlan): unknown {
  if (field.enumeration) return field.enumeration.valuesById[0] ?? 0;
  if (field.type === "string") return "";
  if (field.type === "bool") return false;
  return 0;
}

function scalar(reader: protobuf.Reader, field: FieldPlan): unknown {
  switch (field.type) {
    case "string": {
      const s = reader.string();
      return s.length > DECODED_STRING_CHARS_MAX ? `${s.slice(0, DECODED_STRING_CHARS_MAX)}…` : s;
    }
    case "bool":
      return reader.bool();
    case "double":
      return reader.double();
    case "float":
      return reader.float();
    case "uint32":
      return reader.uint32();
    case "sint32":
      return reader.sint32();
    case "fixed32":
      return reader.fixed32();
    case "sfixed32":
      return reader.sfixed32();
    case "int64":
      return toNumber(reader.int64());
    case "uint64":
      return toNumber(reader.uint64());
    case "sint64":
      return toNumber(reader.sint64());
    case "fixed64":
      return toNumber(reader.fixed64());
    case "sfixed64":
      return toNumber(reader.sfixed64());
    default: {
      const n = reader.int32();
      return field.enumeration ? (field.enumeration.valuesById[n] ?? n) : n;
    }
  }
}

/** 64-bit integers as numbers: exact up to 2^53, which terms and indices never pass. */
function toNumber(value: number | protobuf.Long): number {
  if (typeof value === "number") return value;
  return protobuf.util.LongBits.from(value).toNumber(value.unsigned);
}

function allServices(ns: protobuf.NamespaceBase): protobuf.Service[] {
  return ns.nestedArray.flatMap((child) => {
    if (child instanceof protobuf.Service) return [child];
    if (child instanceof protobuf.Namespace) return allServices(child);
    return [];
  });
}
