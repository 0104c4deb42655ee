// The peer calls the consensus core makes, each with a deadline: a promise that settles with
// the answer or rejects (deadline, refused, any error). The core never waits on a peer for
// longer than the deadline, so a black-holed link cannot wedge it. Over gRPC here; the
// in-process test puts a simulated network behind the same interface.
import type {
  AcceptRequest,
  AcceptResponse,
  HeartbeatRequest,
  HeartbeatResponse,
  LearnRequest,
  PaxosClient,
  PrepareRequest,
  PrepareResponse,
} from "./proto.ts";

export interface Peer {
  prepare(req: PrepareRequest, deadlineMs: number): Promise<PrepareResponse>;
  accept(req: AcceptRequest, deadlineMs: number): Promise<AcceptResponse>;
  learn(req: LearnRequest, deadlineMs: number): Promise<void>;
  heartbeat(req: HeartbeatRequest, deadlineMs: number): Promise<HeartbeatResponse>;
}

export function grpcPeer(client: PaxosClient): Peer {
  const call =
    <Req, Res>(method: "Prepare" | "Accept" | "Learn" | "Heartbeat") =>
    (req: Req, deadlineMs: number): Promise<Res> =>
      new Promise((resolve, reject) => {
        const unary = client[method] as unknown as (
          req: Req,
          options: { deadline: number },
          callback: (err: Error | null, res?: Res) => void,
        ) => void;
        unary.call(client, req, { deadline: Date.now() + deadlineMs }, (err, res) => {
          if (err || !res) reject(err ?? new Error(`${method}: no answer`));
          else resolve(res);
        });
      });
  return {
    prepare: call("Prepare"),
    accept: call("Accept"),
    learn: async (req, deadlineMs) => {
      await call<LearnRequest, unknown>("Learn")(req, deadlineMs);
    },
    heartbeat: call("Heartbeat"),
  };
}
