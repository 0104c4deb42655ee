// HPACK's Huffman code (RFC 7541, appendix B). The code is canonical: every symbol's code
// follows from the code lengths alone, handed out in order of (length, symbol). The lengths
// were learned from nghttp2's encoder through node:http2, for the 224 bytes a header value
// may hold (tests/unit/h2 decodes them all); the 32 control bytes exactly fill the gaps
// that the canonical order leaves, and symbol 256 is EOS, whose prefix pads a string's end.
import { HpackError } from "./hpack-error.ts";

/** One letter per symbol 0..256: "a" is a 5-bit code, "z" a 30-bit one. */
const CODE_LENGTHS =
  "isxxxxxxxtzxxzxxxxxxxxzxxxxxxxxxbffhibdgffdgdbbbaaabbbbbbbcdkbhf" +
  "ibccccccccccccccccccccccdcdioijbkabababbbaccbbbabcbaabccccckgjix" +
  "prpprrrsrssssststtrstssssqrsrsstrqprrssqsrrtqrssqqrqsrssprrrsrrs" +
  "vvporsruvvvwwvtuoqvwwvwtqqvvxwwwptpqrqqsrruuttvsvwvvwwwwwxwwwwwv" +
  "z";
const EOS = 256;
const PADDING_BITS_MAX = 7;

/** A binary tree in one array: node n's children sit at 2n and 2n+1; a leaf is -(symbol+1). */
const TREE = buildTree();

function buildTree(): Int32Array {
  const lengths = [...CODE_LENGTHS].map((c) => c.charCodeAt(0) - 97 + 5);
  const order = lengths.map((_, symbol) => symbol);
  order.sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b);
  const tree = new Int32Array(2 * 2 * order.length).fill(0);
  let nodes = 1;
  let code = 0;
  let previous = lengths[order[0] as number] as number;
  for (const symbol of order) {
    const length = lengths[symbol] as number;
    code *= 2 ** (length - previous);
    previous = length;
    let node = 0;
    for (let bit = length - 1; bit >= 0; bit--) {
      const slot = 2 * node + (Math.floor(code / 2 ** bit) & 1);
      if (bit === 0) tree[slot] = -(symbol + 1);
      else {
        if (tree[slot] === 0) tree[slot] = nodes++;
        node = tree[slot] as number;
      }
    }
    code += 1;
  }
  return tree;
}

/** Decodes a Huffman-coded string literal into its bytes, as a latin1 string. */
export function huffmanDecode(input: Uint8Array, start: number, end: number): string {
  const out = Buffer.allocUnsafe(Math.floor(((end - start) * 8) / 5));
  let length = 0;
  let node = 0;
  let depth = 0;
  let allOnes = true;
  for (let i = start; i < end; i++) {
    const byte = input[i] as number;
    for (let bit = 7; bit >= 0; bit--) {
      const one = (byte >> bit) & 1;
      const next = TREE[2 * node + one] as number;
      depth += 1;
      allOnes &&= one === 1;
      if (next < 0) {
        const symbol = -next - 1;
        if (symbol === EOS) throw new HpackError("Huffman string holds EOS");
        out[length++] = symbol;
        node = 0;
        depth = 0;
        allOnes = true;
      } else node = next;
    }
  }
  if (depth > PADDING_BITS_MAX || !allOnes) throw new HpackError("bad Huffman padding");
  return out.toString("latin1", 0, length);
}
