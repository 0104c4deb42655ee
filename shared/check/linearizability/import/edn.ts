// Just enough EDN to read one Jepsen operation map per line: maps, vectors, lists,
// keywords, strings, integers, floats, nil, true and false.

export class Keyword {
  constructor(readonly name: string) {}
}

export type EdnValue = null | boolean | number | string | Keyword | EdnValue[] | EdnMap;
export interface EdnMap {
  readonly edn: "map";
  /** Entries whose key is a keyword, by the keyword's name. */
  readonly entries: Map<string, EdnValue>;
}

export class EdnSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(`${detail} at column ${offset + 1}`);
    this.name = "EdnSyntaxError";
  }
}

const DELIMITERS = new Set(["{", "}", "[", "]", "(", ")", '"', ",", " ", "\t", "\r", "\n"]);
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" };

/** Reads exactly one EDN value from `text`. */
export function readEdn(text: string): EdnValue {
  const reader = { text, at: 0 };
  const value = readValue(reader);
  skipSpace(reader);
  if (reader.at < text.length)
    throw new EdnSyntaxError(reader.at, "unexpected text after the value");
  return value;
}

interface Reader {
  text: string;
  at: number;
}

function skipSpace(r: Reader): void {
  while (r.at < r.text.length && /[\s,]/.test(r.text[r.at]!)) r.at++;
}

function readValue(r: Reader): EdnValue {
  skipSpace(r);
  const c = r.text[r.at];
  if (c === undefined) throw new EdnSyntaxError(r.at, "unexpected end of line");
  if (c === "{") return readMap(r);
  if (c === "[" || c === "(") return readSequence(r, c === "[" ? "]" : ")");
  if (c === '"') return readString(r);
  return readAtom(r);
}

function readMap(r: Reader): EdnMap {
  r.at++;
  const entries = new Map<string, EdnValue>();
  for (;;) {
    skipSpace(r);
    if (r.text[r.at] === "}") {
      r.at++;
      return { edn: "map", entries };
    }
    const keyAt = r.at;
    const key = readValue(r);
    if (!(key instanceof Keyword)) throw new EdnSyntaxError(keyAt, "map keys must be keywords");
    entries.set(key.name, readValue(r));
  }
}

function readSequence(r: Reader, close: string): EdnValue[] {
  r.at++;
  const items: EdnValue[] = [];
  for (;;) {
    skipSpace(r);
    if (r.text[r.at] === close) {
      r.at++;
      return items;
    }
    items.push(readValue(r));
  }
}

function readString(r: Reader): string {
  const start = r.at++;
  // Collects runs between escapes with slice: one flat string, not one per character.
  const parts: string[] = [];
  let run = r.at;
  for (;;) {
    const c = r.text[r.at];
    if (c === undefined) throw new EdnSyntaxError(start, "unterminated string");
    if (c === '"') {
      parts.push(r.text.slice(run, r.at++));
      return parts.join("");
    }
    if (c !== "\\") {
      r.at++;
      continue;
    }
    const escaped = ESCAPES[r.text[r.at + 1] ?? ""];
    if (escaped === undefined) throw new EdnSyntaxError(r.at, "unknown escape in string");
    parts.push(r.text.slice(run, r.at), escaped);
    r.at += 2;
    run = r.at;
  }
}

function readAtom(r: Reader): EdnValue {
  const start = r.at;
  while (r.at < r.text.length && !DELIMITERS.has(r.text[r.at]!)) r.at++;
  const token = r.text.slice(start, r.at);
  if (token === "") throw new EdnSyntaxError(start, `unexpected ${JSON.stringify(r.text[start])}`);
  if (token === "nil") return null;
  if (token === "true" || token === "false") return token === "true";
  if (token.startsWith(":") && token.length > 1) return new Keyword(token.slice(1));
  if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?N?M?$/.test(token))
    return Number(token.replace(/[NM]$/, ""));
  throw new EdnSyntaxError(start, `cannot read ${JSON.stringify(token)}`);
}
