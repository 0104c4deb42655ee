// The node's LWW map, without I/O of its own. A put or delete is stamped by the hybrid
// clock and kept if it outranks the key's write held here; a delete is kept as a tombstone,
// so an older put arriving later stays beaten. A peer's writes are merged the same way,
// their stamps folded into the clock first. Each own write goes to every peer's outbox
// (replacing an older own write of the key) until acknowledged. Every change is saved (the
// file fsyncs) before the call that made it returns, so before any answer.
import { compareStamps, observe, tick } from "./hlc.ts";
import type { MapFile, MapState } from "./map-file.ts";
import type { DeleteRequest, PutRequest, SyncRequest, Write } from "./proto.ts";

export class InvalidRequest extends Error {}

const KEY_BYTES_MAX = 64;
const VALUE_BYTES_MAX = 256;

export class LwwMapNode {
  private readonly state: MapState;

  constructor(
    private readonly nodeId: string,
    peers: readonly string[],
    private readonly file: MapFile,
    /** Called after an own write was saved: the peers' senders go. */
    private readonly onChange: () => void,
    /** The wall clock (the judge may skew it). */
    private readonly now: () => number = Date.now,
  ) {
    this.state = file.load();
    for (const peer of peers) this.state.outboxes[peer] ??= {};
  }

  get(key: string): string | undefined {
    const held = this.state.entries[key];
    return held && !held.deleted ? held.value : undefined;
  }

  /** Every key with a value (tombstones left out), by key. */
  entries(): { key: string; value: string }[] {
    return Object.values(this.state.entries)
      .filter((w) => !w.deleted)
      .map(({ key, value }) => ({ key, value }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  put(req: PutRequest): void {
    const bytes = Buffer.byteLength(req.value ?? "");
    if (bytes < 1 || bytes > VALUE_BYTES_MAX)
      throw new InvalidRequest("needs a value of 1–256 bytes");
    this.write(req, req.value, false);
  }

  delete(req: DeleteRequest): void {
    this.write(req, "", true);
  }

  sync(req: SyncRequest): void {
    let changed = false;
    for (const w of req.writes) {
      if (!w.stamp) continue;
      observe(this.state.clock, w.stamp);
      if (this.apply(w)) changed = true;
    }
    if (changed) this.file.save(this.state);
  }

  /** What the peer still has to be told. */
  pending(peer: string): Write[] {
    return Object.values(this.state.outboxes[peer] ?? {});
  }

  /** The peer acknowledged these: they leave its outbox unless a newer own write replaced them. */
  acknowledged(peer: string, sent: readonly Write[]): void {
    const box = this.state.outboxes[peer] ?? {};
    for (const w of sent) {
      const queued = box[w.key];
      if (queued && compareStamps(queued.stamp, w.stamp) === 0) delete box[w.key];
    }
    this.file.save(this.state);
  }

  private write(req: PutRequest | DeleteRequest, value: string, deleted: boolean): void {
    if (this.isRetry(req)) return;
    const stamp = tick(this.state.clock, this.now(), this.nodeId);
    const w: Write = { key: req.key, value, deleted, stamp };
    this.apply(w);
    for (const box of Object.values(this.state.outboxes)) box[req.key] = w;
    this.state.applied[req.client_id] = req.sequence;
    this.file.save(this.state);
    this.onChange();
  }

  /** Keeps `w` if it outranks the key's write held here. */
  private apply(w: Write): boolean {
    const held = this.state.entries[w.key];
    if (held && compareStamps(w.stamp, held.stamp) <= 0) return false;
    this.state.entries[w.key] = w;
    return true;
  }

  /** Validates the request; true when it repeats one applied already (answer as before). */
  private isRetry(req: PutRequest | DeleteRequest): boolean {
    const bytes = Buffer.byteLength(req.key ?? "");
    if (!req.client_id || !(req.sequence > 0) || bytes < 1 || bytes > KEY_BYTES_MAX)
      throw new InvalidRequest("needs a client_id, a sequence from 1 and a key of 1–64 bytes");
    return (this.state.applied[req.client_id] ?? 0) >= req.sequence;
  }
}
