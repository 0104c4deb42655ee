// A history file that cannot be read, with the place to look.

export class HistoryParseError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line, when known. */
    readonly line: number | undefined,
    readonly detail: string,
    /** Index in the file's `ops` array (project JSON format), when known. */
    readonly opIndex?: number,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${detail}`);
    this.name = "HistoryParseError";
  }
}
