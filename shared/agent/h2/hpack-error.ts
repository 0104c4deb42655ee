/** A header block this relay cannot decode: the connection cannot be followed any further. */
export class HpackError extends Error {
  override name = "HpackError";
}
