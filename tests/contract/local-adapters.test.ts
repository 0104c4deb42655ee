// The port contracts run against the local adapters: SQLite store and SQLite queue.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LocalBuilder } from "../../shared/adapters/local/builder/index.ts";
import { LocalQueue } from "../../shared/adapters/local/queue/index.ts";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import { builderContract } from "./builder-contract.ts";
import { busContract } from "./bus-contract.ts";
import { judgeHome } from "../../shared/pipeline/home.ts";
import { storeContract } from "./store-contract.ts";

function tempDb(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "cj-contract-"));
  return {
    path: join(dir, "judge.db"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

storeContract("local SQLite", async () => {
  const db = tempDb();
  const store = new LocalStore({ path: db.path, pollMs: 50 });
  return {
    store,
    dispose: async () => {
      await store.close();
      db.remove();
    },
  };
});

busContract("local SQLite queue", async (policy) => {
  const db = tempDb();
  const bus = new LocalQueue({ path: db.path, pollMs: 20, ...policy });
  return {
    bus,
    dispose: async () => {
      await bus.close();
      db.remove();
    },
  };
});

builderContract("local toolchains", async () => {
  const db = tempDb();
  const home = judgeHome({ CLUSTERJUDGE_HOME: dirname(db.path) });
  return { builder: new LocalBuilder(home), dispose: async () => db.remove() };
});
