// The node's OR-set, without I/O of its own. An add makes a fresh tag; a remove tombstones
// the tags of its element this node holds (the adds it has observed); a peer's changes are
// merged tag by tag, a tombstone winning over its add whatever the order they arrive in.
// Every change a node makes itself goes to each peer's outbox until acknowledged. Every
// change is saved (the file fsyncs) before the call that made it returns, so before any
// answer.
import type { Outbox, SetFile, SetState } from "./set-file.ts";
import type { SyncRequest, Tagged, UpdateRequest } from "./proto.ts";

export class InvalidRequest extends Error {}

const ELEMENT_BYTES_MAX = 64;

export class OrSetNode {
  private readonly state: SetState;
  private readonly removed: Set<string>;

  constructor(
    private readonly nodeId: string,
    peers: readonly string[],
    private readonly file: SetFile,
    /** Called after an own change was saved: the peers' senders go. */
    private readonly onChange: () => void,
  ) {
    this.state = file.load();
    this.removed = new Set(this.state.removed);
    for (const peer of peers) this.state.outboxes[peer] ??= { adds: {}, removes: {} };
  }

  elements(): string[] {
    return [...new Set(Object.values(this.state.live))].sort();
  }

  add(req: UpdateRequest): void {
    if (this.isRetry(req)) return;
    const tag = `${this.nodeId}:${++this.state.counter}`;
    this.state.live[tag] = req.element;
    for (const box of Object.values(this.state.outboxes)) box.adds[tag] = req.element;
    this.applied(req);
  }

  remove(req: UpdateRequest): void {
    if (this.isRetry(req)) return;
    for (const [tag, element] of Object.entries(this.state.live)) {
      if (element !== req.element) continue;
      this.tombstone(tag);
      for (const box of Object.values(this.state.outboxes)) box.removes[tag] = element;
    }
    this.applied(req);
  }

  sync(req: SyncRequest): void {
    let changed = false;
    for (const { tag } of req.removes) {
      if (this.removed.has(tag)) continue;
      this.tombstone(tag);
      changed = true;
    }
    for (const { tag, element } of req.adds) {
      if (this.removed.has(tag) || tag in this.state.live) continue;
      this.state.live[tag] = element;
      changed = true;
    }
    if (changed) this.file.save(this.state);
  }

  /** What the peer still has to be told, as a message. */
  pending(peer: string): { adds: Tagged[]; removes: Tagged[] } {
    const box = this.state.outboxes[peer] as Outbox;
    const list = (m: Record<string, string>) =>
      Object.entries(m).map(([tag, element]) => ({ tag, element }));
    return { adds: list(box.adds), removes: list(box.removes) };
  }

  /** The peer acknowledged these: they leave its outbox. */
  acknowledged(peer: string, sent: { adds: Tagged[]; removes: Tagged[] }): void {
    const box = this.state.outboxes[peer] as Outbox;
    for (const { tag } of sent.adds) delete box.adds[tag];
    for (const { tag } of sent.removes) delete box.removes[tag];
    this.file.save(this.state);
  }

  private tombstone(tag: string): void {
    delete this.state.live[tag];
    this.removed.add(tag);
    this.state.removed.push(tag);
  }

  /** Validates the request; true when it repeats one applied already (answer as before). */
  private isRetry(req: UpdateRequest): boolean {
    const bytes = Buffer.byteLength(req.element ?? "");
    if (!req.client_id || !(req.sequence > 0) || bytes < 1 || bytes > ELEMENT_BYTES_MAX)
      throw new InvalidRequest("needs a client_id, a sequence from 1 and an element of 1–64 bytes");
    return (this.state.applied[req.client_id] ?? 0) >= req.sequence;
  }

  private applied(req: UpdateRequest): void {
    this.state.applied[req.client_id] = req.sequence;
    this.file.save(this.state);
    this.onChange();
  }
}
