// The platform's warm-up of a Java node's start, run once per JDK and jars at build time with
// -XX:ArchiveClassesAtExit (cds-archive.ts): a gRPC server and client on Netty exchange a few
// protobuf messages, so the classes every node loads before its first answer (grpc-java,
// Netty, protobuf, Guava) go into the Class Data Sharing archive that every Java node maps.
// It runs none of the learner's code.
import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.util.concurrent.TimeUnit;

public class Warmup {
  public static void main(String[] args) throws Exception {
    MethodDescriptor<StringValue, StringValue> echo =
        MethodDescriptor.<StringValue, StringValue>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("warmup.Echo/Echo")
            .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .build();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("warmup.Echo")
            .addMethod(
                echo,
                ServerCalls.asyncUnaryCall(
                    (request, reply) -> {
                      reply.onNext(request);
                      reply.onCompleted();
                    }))
            .build();
    Server server = ServerBuilder.forPort(0).addService(service).build().start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    for (int i = 0; i < 20; i++) {
      StringValue sent = StringValue.of("warm-up " + i);
      CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
      StringValue got = ClientCalls.blockingUnaryCall(channel, echo, options, sent);
      if (!got.equals(sent)) throw new IllegalStateException("the echo changed the message");
    }
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
