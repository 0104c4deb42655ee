// The local data source: the API's server-sent events for one submission.
import { API } from "../api.ts";
import type { RunChange, RunSource } from "./source.ts";

export function sseSource(): RunSource {
  return {
    watch(submissionId, listener) {
      const events = new EventSource(
        `${API}/submissions/${encodeURIComponent(submissionId)}/events`,
      );
      const on = (name: string, toChange: (data: never) => RunChange) =>
        events.addEventListener(name, (e) => listener(toChange(JSON.parse(e.data) as never)));
      on("submission", (submission) => ({ kind: "submission", submission }));
      on("result", (stored) => ({ kind: "result", stored }));
      on("progress", (progress) => ({ kind: "progress", progress }));
      events.addEventListener("end", () => {
        // Closed before the server ends the stream, so the browser does not reconnect.
        events.close();
        listener({ kind: "end" });
      });
      events.onerror = () => {
        if (events.readyState === EventSource.CLOSED) {
          listener({ kind: "error", message: "the event stream closed; reload to try again" });
        }
      };
      return () => events.close();
    },
  };
}
