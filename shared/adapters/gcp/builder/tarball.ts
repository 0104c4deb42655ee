// A gzipped tar archive made in memory: Cloud Build takes its source as a .tar.gz object.
// ustar headers only (names up to 100 characters, or 255 split at a '/'), regular files.
import { gzipSync } from "node:zlib";

export interface TarEntry {
  /** Relative path with '/' separators. */
  path: string;
  data: Buffer | string;
  /** Unix permission bits; default 0o644. */
  mode?: number;
}

const BLOCK_BYTES = 512;

export function tarGz(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    blocks.push(header(entry.path, data.length, entry.mode ?? 0o644), data);
    const pad = (BLOCK_BYTES - (data.length % BLOCK_BYTES)) % BLOCK_BYTES;
    if (pad) blocks.push(Buffer.alloc(pad));
  }
  blocks.push(Buffer.alloc(BLOCK_BYTES * 2)); // end of archive
  return gzipSync(Buffer.concat(blocks));
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: "" };
  const cut = path.lastIndexOf("/", 155);
  const name = path.slice(cut + 1);
  if (cut <= 0 || Buffer.byteLength(name) > 100) throw new Error(`path too long for tar: ${path}`);
  return { name, prefix: path.slice(0, cut) };
}

function header(path: string, size: number, mode: number): Buffer {
  const block = Buffer.alloc(BLOCK_BYTES);
  const { name, prefix } = splitName(path);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, "0");
  block.write(name, 0, 100, "utf8");
  block.write(octal(mode, 8), 100, 8, "ascii");
  block.write(octal(0, 8), 108, 8, "ascii"); // uid
  block.write(octal(0, 8), 116, 8, "ascii"); // gid
  block.write(octal(size, 12), 124, 12, "ascii");
  block.write(octal(0, 12), 136, 12, "ascii"); // mtime: fixed, so equal input gives equal bytes
  block.write("        ", 148, 8, "ascii"); // checksum counted as spaces
  block.write("0", 156, 1, "ascii"); // regular file
  block.write("ustar\u000000", 257, 8, "ascii");
  block.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${octal(sum, 7)}\u0000 `, 148, 8, "ascii");
  return block;
}
