// Prose for generated templates: paragraphs wrapped to a width, so a header reads the same
// whatever lengths a problem's names and title have.

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
