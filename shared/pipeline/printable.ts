// Text from a submission (its node's log, a hint it sent, a compiler's words about its code)
// shown on a terminal: control characters are escaped (\x1b → "\x1b"), so a node cannot move
// the cursor, clear the screen or rewrite what the judge printed.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
