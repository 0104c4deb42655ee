// Files of one JSON record a line (messages.jsonl): written as serialized and read a chunk
// at a time, so neither side ever holds the whole file.
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";

/** Bytes gathered before one write, or read at once: few calls, never the whole file. */
export const CHUNK_BYTES = 256 * 1024;

/** One JSON record a line, written as it is serialized. */
export async function writeJsonLines(path: string, items: Iterable<unknown>): Promise<void> {
  const out = await open(path, "w");
  try {
    let chunk = "";
    for (const item of items) {
      chunk += JSON.stringify(item) + "\n";
      if (chunk.length >= CHUNK_BYTES) {
        await out.write(chunk);
        chunk = "";
      }
    }
    if (chunk) await out.write(chunk);
  } finally {
    await out.close();
  }
}

/** Each line's record in order, read as the caller asks for them; blank lines are skipped. */
export function* readJsonLines(path: string): Generator<unknown, void, undefined> {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(CHUNK_BYTES);
    // A character split across two reads is joined by the decoder.
    const decoder = new StringDecoder("utf8");
    let rest = "";
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      const lines = (rest + decoder.write(buf.subarray(0, n))).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) yield JSON.parse(line) as unknown;
    }
    rest += decoder.end();
    if (rest.trim()) yield JSON.parse(rest) as unknown;
  } finally {
    closeSync(fd);
  }
}
