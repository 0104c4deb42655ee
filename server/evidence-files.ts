// Evidence on this machine: the files the scenario runner wrote under the judge's home. Only
// files inside the home are served, whatever a stored result names.
import { readFile, realpath } from "node:fs/promises";
import { sep } from "node:path";
import type { EvidenceSource } from "../functions/api/ports.ts";

export function evidenceFiles(homeRoot: string): EvidenceSource {
  return {
    async read(location: string): Promise<string | null> {
      try {
        const [root, path] = await Promise.all([realpath(homeRoot), realpath(location)]);
        if (!path.startsWith(root + sep)) return null;
        return await readFile(path, "utf8");
      } catch {
        return null;
      }
    },
  };
}
