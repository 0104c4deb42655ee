// GET /submissions/{id}/events: one submission's changes as server-sent events, from the
// store's watch. Events: `submission` (the document without files), `result` (a scenario's
// result as it is stored), `progress` (the running scenario), and `end` once the submission
// is finished (an outcome, and its cluster gone if it had one), after which the stream closes
// (a browser's EventSource must close on `end`, or it would reconnect and replay).
import type { Request, Response } from "express";
import { isFinished } from "../../shared/pipeline/finished.ts";
import type { StoreChange } from "../../shared/ports/store.ts";
import { ApiError } from "./errors.ts";
import { API_LIMITS } from "./limits.ts";
import { visibleSubmission } from "./owner.ts";
import type { ApiPorts } from "./ports.ts";
import { publicResult, publicSubmission } from "./public-view.ts";

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function toFrame(id: string, change: StoreChange): string {
  switch (change.kind) {
    case "submission":
      return frame("submission", publicSubmission(change.submission));
    case "result":
      return frame("result", publicResult(id, change.stored));
    case "progress":
      return frame("progress", change.progress);
  }
}

export function eventsHandler(ports: ApiPorts) {
  const max = ports.eventStreamsMax ?? API_LIMITS.eventStreamsMax;
  let open = 0;
  return async (req: Request<{ id: string }>, res: Response): Promise<void> => {
    const id = req.params.id;
    await visibleSubmission(ports, req, id);
    if (open >= max) {
      throw new ApiError(
        429,
        `${max} event streams are open already; close one, or retry shortly`,
        [],
        { "Retry-After": "5" },
      );
    }
    open += 1;
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.write(": one submission's changes; closes after the `end` event\n\n");
    let stopped = false;
    let ending = false;
    const sent = new Set<number>();
    const stop = () => {
      if (stopped) return;
      stopped = true;
      open -= 1;
      clearInterval(heartbeat);
      unwatch();
      res.end();
    };
    // Results are stored before the final status, but a watch may deliver the status first:
    // whatever was not sent yet is read from the store before the end.
    const end = async (status: string) => {
      ending = true;
      for (const stored of await ports.store.listResults(id)) {
        if (!sent.has(stored.index)) res.write(frame("result", publicResult(id, stored)));
      }
      res.write(frame("end", { status }));
      stop();
    };
    const heartbeat = setInterval(() => res.write(": still here\n\n"), API_LIMITS.sseHeartbeatMs);
    const unwatch = ports.store.watch(id, (change) => {
      if (stopped || ending) return;
      if (change.kind === "result") sent.add(change.stored.index);
      res.write(toFrame(id, change));
      if (change.kind === "submission" && isFinished(change.submission)) {
        // After the listener returns: the watch may be mid-delivery.
        setImmediate(() => void end(change.submission.status).catch(stop));
      }
    });
    req.on("close", stop);
    res.on("close", stop);
    // The client may have gone while the submission was read: nothing would close it then.
    if (res.destroyed) stop();
  };
}
