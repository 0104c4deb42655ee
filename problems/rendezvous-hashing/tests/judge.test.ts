// The judge against five reference nodes over real gRPC in this process
// (tests/support/sharded-kv/grpc-run.ts): nothing violated, every required check holds.
import { judgeOverGrpcTest } from "../../../tests/support/sharded-kv/grpc-run.ts";
import { judge } from "../judge.ts";
import { rendezvousHashing } from "../problem.ts";

judgeOverGrpcTest(rendezvousHashing, judge, "rendezvoushashing.ShardNode");
