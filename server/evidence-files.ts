// Evidence on this machine: the files the scenario runner wrote under the judge's home. Only
// files inside the home are served, whatever a stored result names; they are streamed, in
// ranges when asked, never read whole.
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { sep } from "node:path";
import { Readable } from "node:stream";
import type { EvidenceFile, EvidenceSource } from "../functions/api/ports.ts";

export function evidenceFiles(homeRoot: string): EvidenceSource {
  return {
    async open(location: string): Promise<EvidenceFile | null> {
      try {
        const [root, path] = await Promise.all([realpath(homeRoot), realpath(location)]);
        if (!path.startsWith(root + sep)) return null;
        const info = await stat(path);
        if (!info.isFile()) return null;
        return {
          size: info.size,
          stream: (range) =>
            !range
              ? createReadStream(path)
              : range.end <= range.start
                ? Readable.from([])
                : createReadStream(path, { start: range.start, end: range.end - 1 }),
        };
      } catch {
        return null;
      }
    },
  };
}
