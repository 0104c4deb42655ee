// Runs a built Raft submission as N local processes on loopback, peers dialing each other
// directly (no chaos agent): enough to see a node elect, replicate, crash and recover.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../../../shared/adapters/local/cluster/ports.ts";

export interface NodeCommand {
  argv: string[];
  cwd: string;
}

export class LocalNodes {
  /** Every node's output, kept to show when a test fails. */
  readonly output: string[] = [];
  private readonly processes = new Map<string, ChildProcess>();

  private constructor(
    private readonly command: NodeCommand,
    private readonly dataRoot: string,
    readonly addresses: Map<string, string>,
  ) {}

  static async create(command: NodeCommand, size: number, dataRoot: string): Promise<LocalNodes> {
    const addresses = new Map<string, string>();
    for (let i = 0; i < size; i++) addresses.set(`node-${i}`, `127.0.0.1:${await freePort()}`);
    return new LocalNodes(command, dataRoot, addresses);
  }

  get ids(): string[] {
    return [...this.addresses.keys()];
  }

  start(id: string): void {
    const [program, ...args] = this.command.argv;
    if (!program || this.processes.has(id)) throw new Error(`cannot start ${id}`);
    const dataDir = join(this.dataRoot, id);
    mkdirSync(dataDir, { recursive: true });
    const peers = [...this.addresses].filter(([peer]) => peer !== id);
    const child = spawn(program, args, {
      cwd: this.command.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ID: id,
        CLUSTER_SIZE: String(this.addresses.size),
        LISTEN_ADDR: this.addresses.get(id) as string,
        PEERS: peers.map(([peer, address]) => `${peer}=${address}`).join(","),
        DATA_DIR: dataDir,
      },
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding("utf8").on("data", (chunk: string) => {
        for (const line of chunk.split("\n").filter(Boolean))
          this.output.push(`${new Date().toISOString().slice(11, 23)} [${id}] ${line}`);
      });
    }
    this.processes.set(id, child);
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(id: string): Promise<void> {
    const child = this.processes.get(id);
    if (!child) return;
    this.processes.delete(id);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async killAll(): Promise<void> {
    await Promise.all(this.ids.map((id) => this.kill(id)));
  }
}
