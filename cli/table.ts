// Plain text tables: columns padded to their widest cell, the last one left ragged.
import { stripVTControlCharacters } from "node:util";

/** Width as a terminal shows it: escape codes (colour) take no room. */
const shown = (cell: string): number => stripVTControlCharacters(cell).length;

export function alignedRows(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, shown(cell))));
  }
  return rows.map((row) =>
    row
      .map((cell, c) => (c === row.length - 1 ? cell : cell + " ".repeat(widths[c]! - shown(cell))))
      .join("  "),
  );
}
