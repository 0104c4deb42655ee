// The judge against five reference nodes over real gRPC in this process
// (tests/support/sharded-kv/grpc-run.ts): nothing violated, every required check holds.
import { judgeOverGrpcTest } from "../../../tests/support/sharded-kv/grpc-run.ts";
import { judge } from "../judge.ts";
import { consistentHashing } from "../problem.ts";

judgeOverGrpcTest(consistentHashing, judge, "consistenthashing.ShardNode");
