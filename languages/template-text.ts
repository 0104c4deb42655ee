// Prose for generated templates: paragraphs wrapped to a width, so a header reads the same
// whatever lengths a problem's names and title have, and what every starter says alike.
import { NODE_CONTRACT, type TemplateInput } from "./template-input.ts";

/** The text's words in lines of at most `width` characters (a longer word gets its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Paragraphs wrapped to width - prefix, each line prefixed, a bare prefix between them. */
export function commentBlock(
  paragraphs: readonly string[],
  prefix: string,
  width: number,
): string[] {
  return paragraphs.flatMap((p, i) => [
    ...(i > 0 ? [prefix.trimEnd()] : []),
    ...wrapWords(p, width - prefix.length).map((l) => `${prefix}${l}`.trimEnd()),
  ]);
}

/**
 * What every starter says first, in every language the same: what it does now and where the
 * contract is. Each generator adds how its language builds and starts the node.
 */
export function starterIntro(input: TemplateInput): string {
  const { env, notImplemented, statementPath } = NODE_CONTRACT;
  return `This node starts, serves every RPC of ${input.protoFile} on ${env.listenAddr} and answers
    each with gRPC ${notImplemented.name} ("${notImplemented.message}"): it fails every scenario
    until you implement them. The statement (${statementPath(input.slug)}, also on the
    problem's page in the web UI) is the contract; read it first: what each RPC must answer,
    what must be on disk before an answer, retries, limits.`;
}

/** An RPC's comment (the proto's, then the problem's hint) as `//` lines at `indent`. */
export function lineComments(text: string | null, indent: string): string[] {
  return text === null ? [] : text.split("\n").map((l) => `${indent}// ${l.trim()}`.trimEnd());
}
