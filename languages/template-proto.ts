// A problem's proto parsed with protobufjs into a template generator's input
// (languages/template-input.ts), with the problem's hints under the RPCs' comments. Only what
// generates templates loads it (problems/templates.ts), so only those bundles carry protobufjs.
import protobuf from "protobufjs";
import type { TemplateInput, TemplateService } from "./template-input.ts";
import { wrapWords } from "./template-text.ts";

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
