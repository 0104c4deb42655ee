// HPACK (RFC 7541) as far as a relay that reads headers needs it: a decoder that follows one
// direction of a connection (its dynamic table kept in step with the sender's encoder), and
// the one representation it writes itself, a literal that no table remembers.
import { HpackError } from "./hpack-error.ts";
import { huffmanDecode } from "./huffman.ts";

export type HeaderList = [name: string, value: string][];

const STATIC_TABLE: readonly (readonly [string, string])[] = [
  [":authority", ""],
  [":method", "GET"],
  [":method", "POST"],
  [":path", "/"],
  [":path", "/index.html"],
  [":scheme", "http"],
  [":scheme", "https"],
  [":status", "200"],
  [":status", "204"],
  [":status", "206"],
  [":status", "304"],
  [":status", "400"],
  [":status", "404"],
  [":status", "500"],
  ["accept-charset", ""],
  ["accept-encoding", "gzip, deflate"],
  ["accept-language", ""],
  ["accept-ranges", ""],
  ["accept", ""],
  ["access-control-allow-origin", ""],
  ["age", ""],
  ["allow", ""],
  ["authorization", ""],
  ["cache-control", ""],
  ["content-disposition", ""],
  ["content-encoding", ""],
  ["content-language", ""],
  ["content-length", ""],
  ["content-location", ""],
  ["content-range", ""],
  ["content-type", ""],
  ["cookie", ""],
  ["date", ""],
  ["etag", ""],
  ["expect", ""],
  ["expires", ""],
  ["from", ""],
  ["host", ""],
  ["if-match", ""],
  ["if-modified-since", ""],
  ["if-none-match", ""],
  ["if-range", ""],
  ["if-unmodified-since", ""],
  ["last-modified", ""],
  ["link", ""],
  ["location", ""],
  ["max-forwards", ""],
  ["proxy-authenticate", ""],
  ["proxy-authorization", ""],
  ["range", ""],
  ["referer", ""],
  ["refresh", ""],
  ["retry-after", ""],
  ["server", ""],
  ["set-cookie", ""],
  ["strict-transport-security", ""],
  ["transfer-encoding", ""],
  ["user-agent", ""],
  ["vary", ""],
  ["via", ""],
  ["www-authenticate", ""],
];
/** What every dynamic table entry costs beyond its name and value (RFC 7541, 4.1). */
const ENTRY_OVERHEAD_BYTES = 32;
/** HTTP/2's default SETTINGS_HEADER_TABLE_SIZE. */
const TABLE_BYTES_DEFAULT = 4096;
/**
 * What the decoder keeps at least, whatever the sender's table size. Keeping more than the
 * sender is always safe: both tables take the same entries at the front, so the sender's is
 * a prefix of ours and its indexes name the same entries; an encoder that grows its table
 * up to the peer's SETTINGS_HEADER_TABLE_SIZE without saying so in-band is followed too.
 */
const TABLE_BYTES_KEPT_MIN = 65_536;

export class HpackDecoder {
  /** Newest first, as HPACK indexes it. */
  private readonly table: [string, string][] = [];
  private tableBytes = 0;
  private maxTableBytes = TABLE_BYTES_DEFAULT;
  private pos = 0;

  /** Decodes one complete header block (HEADERS plus its CONTINUATIONs, no padding). */
  decode(block: Uint8Array): HeaderList {
    const out: HeaderList = [];
    this.pos = 0;
    while (this.pos < block.length) {
      const first = block[this.pos] as number;
      if (first & 0x80) {
        out.push(this.entry(this.integer(block, 7)));
      } else if ((first & 0xe0) === 0x20) {
        this.maxTableBytes = this.integer(block, 5);
        this.evict(0);
      } else {
        const indexed = (first & 0xc0) === 0x40;
        const index = this.integer(block, indexed ? 6 : 4);
        const name = index === 0 ? this.string(block) : (this.entry(index)[0] as string);
        const field: [string, string] = [name, this.string(block)];
        out.push(field);
        if (indexed) this.insert(field);
      }
    }
    return out;
  }

  private entry(index: number): [string, string] {
    if (index >= 1 && index <= STATIC_TABLE.length) {
      const [name, value] = STATIC_TABLE[index - 1] as readonly [string, string];
      return [name, value];
    }
    const field = this.table[index - STATIC_TABLE.length - 1];
    if (!field) throw new HpackError(`header index ${index} is not in the table`);
    return [field[0], field[1]];
  }

  private insert(field: [string, string]): void {
    const size = field[0].length + field[1].length + ENTRY_OVERHEAD_BYTES;
    this.evict(size);
    if (size > this.keptBytes()) return; // too large: the table is left empty
    this.table.unshift(field);
    this.tableBytes += size;
  }

  private keptBytes(): number {
    return Math.max(this.maxTableBytes, TABLE_BYTES_KEPT_MIN);
  }

  /** Drops the oldest entries until `incoming` more bytes fit. */
  private evict(incoming: number): void {
    while (this.tableBytes + incoming > this.keptBytes() && this.table.length > 0) {
      const [name, value] = this.table.pop() as [string, string];
      this.tableBytes -= name.length + value.length + ENTRY_OVERHEAD_BYTES;
    }
  }

  private integer(block: Uint8Array, prefixBits: number): number {
    const max = (1 << prefixBits) - 1;
    let value = (block[this.pos++] as number) & max;
    if (value < max) return value;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= block.length || shift > 28) throw new HpackError("bad integer");
      const byte = block[this.pos++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
  }

  private string(block: Uint8Array): string {
    if (this.pos >= block.length) throw new HpackError("header block ends early");
    const huffman = ((block[this.pos] as number) & 0x80) !== 0;
    const length = this.integer(block, 7);
    const start = this.pos;
    this.pos += length;
    if (this.pos > block.length) throw new HpackError("string runs past the header block");
    return huffman
      ? huffmanDecode(block, start, this.pos)
      : Buffer.from(block.buffer, block.byteOffset + start, length).toString("latin1");
  }
}

/** The value of the first header named `name` (lower case), if any. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  for (const [n, value] of headers) if (n === name) return value;
  return undefined;
}

/** A header as a literal no table keeps (RFC 7541, 6.2.2), so nobody's table changes. */
export function literalHeader(name: string, value: string): Buffer {
  const parts = [Buffer.from([0]), lengthPrefixed(name), lengthPrefixed(value)];
  return Buffer.concat(parts);
}

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, "latin1");
  const head: number[] = [];
  let n = bytes.length;
  if (n < 0x7f) head.push(n);
  else {
    head.push(0x7f);
    n -= 0x7f;
    while (n >= 0x80) {
      head.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 0x80);
    }
    head.push(n);
  }
  return Buffer.concat([Buffer.from(head), bytes]);
}
