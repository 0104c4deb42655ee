// Where JSON.parse failed: V8's message gives a position for some errors and not others
// ("Unexpected token"), so on failure this small scanner finds the first offending offset.

const LITERALS = ["true", "false", "null"];
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

export function jsonErrorOffset(text: string): number {
  let at = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const space = (): void => {
    while (at < text.length && " \t\r\n".includes(text[at]!)) at++;
  };
  const expect = (c: string): void => {
    space();
    if (text[at] !== c) fail();
    at++;
  };
  const string = (): void => {
    if (text[at] !== '"') fail();
    for (at++; text[at] !== '"'; at++) {
      if (at >= text.length || text.charCodeAt(at) < 0x20) fail();
      if (text[at] === "\\") at++;
    }
    at++;
  };
  const list = (close: string, item: () => void): void => {
    at++;
    space();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[at] === close) {
        at++;
        return;
      }
      expect(",");
    }
  };
  const value = (): void => {
    space();
    const c = text[at];
    if (c === "{") return list("}", () => (space(), string(), expect(":"), value()));
    if (c === "[") return list("]", value);
    if (c === '"') return string();
    const literal = LITERALS.find((l) => text.startsWith(l, at));
    if (literal) {
      at += literal.length;
      return;
    }
    NUMBER.lastIndex = at;
    if (!NUMBER.test(text)) fail();
    at = NUMBER.lastIndex;
  };
  try {
    value();
    space();
    return at < text.length ? at : text.length;
  } catch (err) {
    if (err instanceof Stop) return Math.min(at, text.length);
    throw err;
  }
}
