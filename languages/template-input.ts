// What every language's template generator reads: a problem's proto, parsed once into the
// few things a starter needs (its services and their unary RPCs; languages/template-proto.ts
// parses), and the node contract every template implements the same way
// (docs/node-contract.md). A generator (languages/<name>/template.ts) is a pure function of
// this: same input, same files. No package is loaded here: every language.ts imports its
// generator, and every function bundle the language registry, while only the bundles that
// generate templates need protobufjs.

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
