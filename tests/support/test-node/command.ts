// How tests start the test nodes: the TypeScript node bundled once with esbuild (so each
// start costs a plain `node FILE`, not tsx), or the Python one on Debian's python3.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NodeCommand } from "../../../shared/ports/cluster.ts";
import { bundleEntry } from "../../../shared/agent/bundle.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const TEST_NODE_PROTO = join(here, "testnode.proto");
export const RAFT_PROTO = resolve(here, "../../../problems/raft/raft.proto");

export async function testNodeCommand(): Promise<NodeCommand> {
  const file = await bundleEntry(join(here, "main.ts"), "test-node");
  return { argv: [process.execPath, file, TEST_NODE_PROTO, RAFT_PROTO], cwd: here };
}

export function pythonNodeCommand(): NodeCommand {
  return { argv: ["/usr/bin/python3", join(here, "node.py")], cwd: here };
}
