// What every language's template generator reads: a problem's proto, parsed once with
// protobufjs into the few things a starter needs (its services and their unary RPCs), and the
// node contract every template implements the same way (docs/node-contract.md). A generator
// (languages/<name>/template.ts) is a pure function of this: same input, same files.
import protobuf from "protobufjs";
import { wrapWords } from "./template-text.ts";

export interface TemplateMethod {
  /** As in the proto: "AppendEntries". */
  name: string;
  /** The request and response messages' simple names: "AppendRequest". */
  request: string;
  response: string;
  /**
   * The proto's comment above the RPC, then the problem's hint for it on a line of its own
   * ("TODO: ..."; ProblemDefinition.templateHints), or null when it has neither.
   */
  comment: string | null;
}

export interface TemplateService {
  name: string;
  methods: TemplateMethod[];
}

export interface TemplateInput {
  slug: string;
  title: string;
  /** The proto's file name, as the build puts it beside the stubs: "g_counter.proto". */
  protoFile: string;
  /** Its package: "gcounter". */
  protoPackage: string;
  /** Every service, in the proto's order; a node serves all of them. */
  services: TemplateService[];
}

/** A template: relative path -> file contents. */
export type TemplateFiles = Readonly<Record<string, string>>;

export type TemplateGenerator = (input: TemplateInput) => TemplateFiles;

/** The node contract, the same in every language (docs/node-contract.md). */
export const NODE_CONTRACT = {
  env: {
    nodeId: "NODE_ID",
    listenAddr: "LISTEN_ADDR",
    /** "node-0=127.0.0.1:7100,node-2=127.0.0.1:7102": every other node, by id. */
    peers: "PEERS",
    /** Kept across a kill and a restart. */
    dataDir: "DATA_DIR",
  },
  /** What every stubbed RPC answers: gRPC status 12, UNIMPLEMENTED. */
  notImplemented: { code: 12, name: "UNIMPLEMENTED", message: "not implemented yet" },
  /** Where the statement is, for the comment block at the top of every template. */
  statementPath: (slug: string) => `problems/${slug}/statement.md`,
} as const;

/** Parses a problem's proto (its text) into a generator's input. */
export function templateInput(opts: {
  slug: string;
  title: string;
  protoFile: string;
  protoText: string;
  /** RPC name -> what to do there, in words true of every language. */
  hints?: Readonly<Record<string, string>>;
}): TemplateInput {
  const parsed = protobuf.parse(opts.protoText, { alternateCommentMode: true });
  if (!parsed.package) throw new Error(`${opts.protoFile} declares no package`);
  parsed.root.resolveAll();
  const services: TemplateService[] = [];
  const walk = (ns: protobuf.NamespaceBase): void => {
    for (const item of ns.nestedArray) {
      if (item instanceof protobuf.Service) {
        services.push({
          name: item.name,
          methods: item.methodsArray.map((m) => {
            if (m.requestStream || m.responseStream)
              throw new Error(
                `${opts.protoFile}: ${item.name}.${m.name} streams; templates are unary`,
              );
            return {
              name: m.name,
              request: m.resolvedRequestType?.name ?? simpleName(m.requestType),
              response: m.resolvedResponseType?.name ?? simpleName(m.responseType),
              comment: withHint(m.comment, opts.hints?.[m.name]),
            };
          }),
        });
      } else if (item instanceof protobuf.Namespace) walk(item);
    }
  };
  walk(parsed.root);
  if (services.length === 0) throw new Error(`${opts.protoFile} declares no service`);
  const rpcs = services.flatMap((s) => s.methods.map((m) => m.name));
  const stray = Object.keys(opts.hints ?? {}).filter((name) => !rpcs.includes(name));
  if (stray.length) throw new Error(`hints for RPCs ${opts.protoFile} lacks: ${stray.join(", ")}`);
  return {
    slug: opts.slug,
    title: opts.title,
    protoFile: opts.protoFile,
    protoPackage: parsed.package,
    services,
  };
}

/** Hints are one line in a problem's definition: wrapped here as a proto comment would be. */
const HINT_WIDTH = 88;

function withHint(comment: string | null, hint: string | undefined): string | null {
  if (hint === undefined) return comment;
  const lines = wrapWords(`TODO: ${hint}`, HINT_WIDTH);
  return [...(comment === null ? [] : [comment]), ...lines].join("\n");
}

const simpleName = (type: string): string => type.slice(type.lastIndexOf(".") + 1);
