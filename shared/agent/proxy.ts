// Forwards one gRPC call (one HTTP/2 stream) to an upstream, intact: headers, every DATA
// chunk with flow control, trailers, and the deadline. Applies the call's fate (refuse,
// black-hole, delay) and fills in its message record.
import http2 from "node:http2";
import type { MessageRecord } from "../ports/cluster.ts";
import { PROOF_HEADER } from "./call-proofs.ts";
import { nowMs } from "./clock.ts";
import {
  FirstMessage,
  GRPC_STATUS,
  encodeGrpcMessage,
  formatGrpcTimeout,
  parseGrpcTimeoutMs,
} from "./grpc-wire.ts";
import { DELAYED_REQUEST_BYTES_MAX } from "./limits.ts";
import type { CallFate } from "./links.ts";
import type { Recorder } from "./recorder.ts";
import type { CallWatch, StartDecision } from "./triggers.ts";
import type { Upstreams } from "./upstreams.ts";

/** Marks a call one agent forwards to another, so the receiver does not record it again. */
export const FROM_HEADER = "x-clusterjudge-from";

const { NGHTTP2_CANCEL, HTTP2_HEADER_STATUS } = http2.constants;
/** Stream errors are resets; each call's "close" handler does the bookkeeping. */
const ignore = (): void => {};
const END_STREAM_FLAG = 0x1;
/** A cancel this close to the deadline counts as the deadline (see finishRecord). */
const CANCEL_SLACK_MS = 50;

export interface CallRoute {
  /** host:port of the upstream. */
  target: string;
  fate: CallFate;
  /** The record to fill; null for a call another agent already records. */
  record: MessageRecord | null;
  /** Set FROM_HEADER to this node id (egress), or remove it (ingress). */
  from: string | null;
  /** With `from`: PROOF_HEADER's value (call-proofs.ts). The header is removed otherwise. */
  proof?: string;
  /** Dial the target over TLS. */
  tls?: boolean;
  /** The `authorization` header value for the upstream call, fetched before it opens. */
  authorization?: () => Promise<string>;
  /** The trigger rules that may apply to this call (triggers.ts). */
  watch?: CallWatch | null;
}

interface HeldRequest {
  held: Buffer[];
  ended: boolean;
}

/** Answers a call at once with a gRPC status and no messages (a "trailers-only" reply). */
export function respondStatus(
  stream: http2.ServerHttp2Stream,
  code: number,
  message: string,
): void {
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) {
    stream.close(NGHTTP2_CANCEL);
    return;
  }
  stream.respond(
    {
      [HTTP2_HEADER_STATUS]: 200,
      "content-type": "application/grpc",
      "grpc-status": String(code),
      "grpc-message": encodeGrpcMessage(message),
    },
    { endStream: true },
  );
}

export function forwardCall(
  stream: http2.ServerHttp2Stream,
  headers: http2.IncomingHttpHeaders,
  route: CallRoute,
  upstreams: Upstreams,
  recorder: Recorder,
): void {
  const call = new ProxiedCall(stream, headers, route, upstreams, recorder);
  call.run();
}

class ProxiedCall {
  private upstream: http2.ClientHttp2Stream | null = null;
  private requestCapture: FirstMessage | null = null;
  private responseCapture: FirstMessage | null = null;
  private trailers: http2.OutgoingHttpHeaders | null = null;
  /** The upstream's answer is complete (trailers, or a trailers-only reply). */
  private answered = false;
  /** The node gets the call but its answer is discarded: the caller waits to its deadline. */
  private loseAnswer = false;
  private readonly deadlineMs: number | null;
  private readonly startMs = nowMs();
  /** Decided while the request was held (a drop was possible); run once it is passed on. */
  private decided: StartDecision | null = null;
  /** The callee's answer was passed back (for triggers at the "complete" phase). */
  private passedBack = false;
  private answerStatus: number | null = null;

  constructor(
    private readonly stream: http2.ServerHttp2Stream,
    private readonly headers: http2.IncomingHttpHeaders,
    private readonly route: CallRoute,
    private readonly upstreams: Upstreams,
    private readonly recorder: Recorder,
  ) {
    const timeoutMs = parseGrpcTimeoutMs(headers["grpc-timeout"]);
    this.deadlineMs = timeoutMs === null ? null : this.startMs + timeoutMs;
    const record = route.record;
    const decodes = record !== null && recorder.decodes(record.method);
    if (decodes || route.watch?.capturesRequest) this.requestCapture = new FirstMessage();
    if (decodes || route.watch?.capturesResponse) this.responseCapture = new FirstMessage();
  }

  run(): void {
    const { stream, route } = this;
    stream.on("error", ignore);
    stream.on("close", () => this.onClose());
    const fate = route.fate;
    if (fate.kind === "refuse") {
      this.fault("refuse");
      stream.on("data", (chunk: Buffer) => this.countRequest(chunk));
      respondStatus(stream, GRPC_STATUS.UNAVAILABLE, "clusterjudge: link partitioned (refused)");
      this.setStatus(GRPC_STATUS.UNAVAILABLE);
    } else if (fate.kind === "blackhole") {
      // Read and discard: the caller sees nothing until its deadline.
      this.fault(fate.reason);
      stream.on("data", (chunk: Buffer) => this.countRequest(chunk));
    } else {
      this.loseAnswer = fate.loseAnswer === true;
      if (this.loseAnswer) this.fault("lose-answer");
      else if (fate.delayMs > 0) this.fault("delay");
      if (route.watch?.holds) this.holdForTrigger(route.watch, fate.delayMs);
      else if (fate.delayMs > 0) this.delayThenOpen(fate.delayMs, { held: [], ended: false });
      else this.open(null);
    }
  }

  /** A trigger may drop this call: holds the whole request, then asks the trigger. */
  private holdForTrigger(watch: CallWatch, delayMs: number): void {
    const request: HeldRequest = { held: [], ended: false };
    let heldBytes = 0;
    const probe = new FirstMessage();
    const onData = (chunk: Buffer) => {
      if (this.answered) return;
      request.held.push(chunk);
      probe.feed(chunk);
      heldBytes += chunk.length;
      if (heldBytes > DELAYED_REQUEST_BYTES_MAX) this.fail("held request too large to hold");
    };
    this.stream.on("data", onData);
    this.stream.once("end", () => {
      this.stream.off("data", onData);
      request.ended = true;
      if (this.answered || this.stream.closed || this.stream.destroyed) return;
      const decision = watch.start(probe.message);
      if (decision.drop) {
        this.dropHeld(decision.drop, request);
        decision.fire();
      } else {
        this.decided = decision;
        if (delayMs > 0) this.delayThenOpen(delayMs, request);
        else this.open(request);
      }
    });
  }

  /** A trigger dropped the call: a black hole, or UNAVAILABLE at once. */
  private dropHeld(as: "blackhole" | "unavailable", request: HeldRequest): void {
    for (const chunk of request.held) this.countRequest(chunk);
    if (as === "blackhole") return this.fault("drop");
    this.fault("refuse");
    respondStatus(this.stream, GRPC_STATUS.UNAVAILABLE, "clusterjudge: dropped by a trigger");
    this.setStatus(GRPC_STATUS.UNAVAILABLE);
  }

  /** The whole request was passed on: the call has started, for triggers. */
  private requestPassedOn(): void {
    const watch = this.route.watch;
    if (!watch) return;
    const decision = this.decided ?? watch.start(this.requestCapture?.message ?? null);
    this.decided = null;
    decision.fire();
  }

  /** Holds the request's chunks while the delay runs, then forwards them in order. */
  private delayThenOpen(delayMs: number, request: HeldRequest): void {
    const held = request.held;
    let heldBytes = 0;
    let ended = request.ended;
    const onData = (chunk: Buffer) => {
      if (this.answered) return;
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes > DELAYED_REQUEST_BYTES_MAX) this.fail("delayed request too large to hold");
    };
    const onEnd = () => (ended = true);
    this.stream.on("data", onData);
    this.stream.once("end", onEnd);
    const timer = setTimeout(() => {
      this.stream.off("data", onData);
      this.stream.off("end", onEnd);
      if (this.answered || this.stream.closed || this.stream.destroyed) return;
      this.open({ held, ended });
    }, delayMs);
    this.stream.once("close", () => clearTimeout(timer));
  }

  private open(delayed: { held: Buffer[]; ended: boolean } | null): void {
    const authorize = this.route.authorization;
    if (!authorize) return this.openWith(delayed, null);
    // The request's DATA waits in the stream (no listener yet) while the token comes.
    authorize().then(
      (value) => {
        if (!this.answered && !this.stream.closed && !this.stream.destroyed)
          this.openWith(delayed, value);
      },
      (err: Error) => this.fail(err.message),
    );
  }

  private openWith(
    delayed: { held: Buffer[]; ended: boolean } | null,
    authorization: string | null,
  ): void {
    const { stream, route } = this;
    const out: http2.OutgoingHttpHeaders = { ...this.headers };
    delete out[":scheme"];
    // Whatever the caller wrote in these is replaced (egress) or removed (ingress): a node
    // never sends a claim or a credential of its own, nor sees the proof or the ID token its
    // agent's front end checked.
    delete out["authorization"];
    if (authorization !== null) out["authorization"] = authorization;
    delete out[FROM_HEADER];
    delete out[PROOF_HEADER];
    if (route.from) {
      out[FROM_HEADER] = route.from;
      if (route.proof) out[PROOF_HEADER] = route.proof;
    }
    if (delayed && this.deadlineMs !== null) {
      out["grpc-timeout"] = formatGrpcTimeout(this.deadlineMs - nowMs());
    }
    let upstream: http2.ClientHttp2Stream;
    try {
      upstream = this.upstreams.get(route.target, route.tls).request(out, { endStream: false });
    } catch (err) {
      this.fail(`upstream ${route.target}: ${(err as Error).message}`);
      return;
    }
    this.upstream = upstream;
    this.pipeResponse(upstream);
    if (delayed) {
      for (const chunk of delayed.held) this.sendRequestChunk(upstream, chunk);
      if (delayed.ended) {
        upstream.end();
        this.requestPassedOn();
      }
    }
    if (!delayed?.ended) {
      stream.on("data", (chunk: Buffer) => this.sendRequestChunk(upstream, chunk));
      stream.once("end", () => {
        upstream.end();
        this.requestPassedOn();
      });
    }
    upstream.on("drain", () => stream.resume());
  }

  private sendRequestChunk(upstream: http2.ClientHttp2Stream, chunk: Buffer): void {
    this.countRequest(chunk);
    if (!upstream.write(chunk)) this.stream.pause();
  }

  private pipeResponse(upstream: http2.ClientHttp2Stream): void {
    const { stream } = this;
    if (this.loseAnswer) {
      this.swallowResponse(upstream);
      return;
    }
    upstream.on("response", (headers, flags) => {
      const out: http2.OutgoingHttpHeaders = {};
      for (const key in headers) if (key[0] !== ":" || key === ":status") out[key] = headers[key];
      if (stream.closed || stream.destroyed) return;
      if (flags & END_STREAM_FLAG) {
        this.answered = true;
        this.answerStatus = Number(headers["grpc-status"]);
        this.setStatus(this.answerStatus);
        stream.respond(out, { endStream: true });
        this.passedBack = true;
      } else {
        stream.respond(out, { waitForTrailers: true });
      }
    });
    upstream.on("data", (chunk: Buffer) => {
      if (this.route.record) this.route.record.responseBytes += chunk.length;
      this.responseCapture?.feed(chunk);
      if (!stream.write(chunk)) upstream.pause();
    });
    stream.on("drain", () => upstream.resume());
    upstream.on("trailers", (trailers) => {
      this.trailers = { ...trailers };
      this.answered = true;
      this.answerStatus = Number(trailers["grpc-status"]);
      this.setStatus(this.answerStatus);
    });
    stream.on("wantTrailers", () => {
      // The upstream's own trailers: its answer is passed back whole.
      this.passedBack = this.trailers !== null && this.answerStatus !== null;
      stream.sendTrailers(
        this.trailers ?? {
          "grpc-status": String(GRPC_STATUS.UNAVAILABLE),
          "grpc-message": encodeGrpcMessage("clusterjudge: the node broke the call off"),
        },
      );
    });
    upstream.on("end", () => {
      if (stream.headersSent && !stream.closed) stream.end();
    });
    upstream.on("error", ignore);
    upstream.on("close", () => {
      if (!this.answered && !stream.closed) this.fail(`${this.route.target} closed the call`);
    });
  }

  /** Reads the node's answer for the record, and tells the caller nothing. */
  private swallowResponse(upstream: http2.ClientHttp2Stream): void {
    upstream.on("response", (_headers, flags) => {
      if (flags & END_STREAM_FLAG) this.answered = true;
    });
    upstream.on("data", (chunk: Buffer) => {
      if (this.route.record) this.route.record.responseBytes += chunk.length;
      this.responseCapture?.feed(chunk);
    });
    upstream.on("trailers", () => (this.answered = true));
    upstream.on("error", ignore);
  }

  private countRequest(chunk: Buffer): void {
    if (this.route.record) this.route.record.requestBytes += chunk.length;
    this.requestCapture?.feed(chunk);
  }

  /** The upstream could not answer: UNAVAILABLE, as for a refused connection. */
  private fail(reason: string): void {
    const { stream } = this;
    if (this.answered) return;
    this.answered = true;
    this.upstream?.close(NGHTTP2_CANCEL);
    this.setStatus(GRPC_STATUS.UNAVAILABLE);
    if (!stream.headersSent) {
      respondStatus(stream, GRPC_STATUS.UNAVAILABLE, `clusterjudge: ${reason}`);
    } else if (!stream.closed) {
      this.trailers = {
        "grpc-status": String(GRPC_STATUS.UNAVAILABLE),
        "grpc-message": encodeGrpcMessage(`clusterjudge: ${reason}`),
      };
      stream.end();
    }
  }

  private fault(kind: NonNullable<MessageRecord["fault"]>): void {
    if (this.route.record) this.route.record.fault = kind;
  }

  private setStatus(code: number): void {
    const record = this.route.record;
    if (record && record.status === null && Number.isInteger(code)) record.status = code;
  }

  private onClose(): void {
    if (this.upstream && !this.upstream.closed) this.upstream.close(NGHTTP2_CANCEL);
    this.finishRecord();
    this.completeTriggers();
  }

  private finishRecord(): void {
    const record = this.route.record;
    if (!record) return;
    if (record.status === null) {
      // The caller gave up: at its deadline, or earlier (a cancel). Our deadline is the caller's
      // shifted by the call's transit, and its cancel has a transit of its own: a cancel that
      // arrives within CANCEL_SLACK_MS of our deadline is the caller's deadline passing.
      const late = this.deadlineMs !== null && nowMs() >= this.deadlineMs - CANCEL_SLACK_MS;
      record.status = late ? GRPC_STATUS.DEADLINE_EXCEEDED : GRPC_STATUS.CANCELLED;
    }
    const request = this.requestCapture?.message ?? null;
    const response = this.responseCapture?.message ?? null;
    this.recorder.finish(record, request, response);
  }

  /** Calls that ended with the callee's answer passed back meet their "complete" triggers. */
  private completeTriggers(): void {
    const watch = this.route.watch;
    if (!watch || !this.passedBack || this.answerStatus === null) return;
    const request = this.requestCapture?.message ?? null;
    watch.complete(request, this.responseCapture?.message ?? null, this.answerStatus);
  }
}
