// A byte pipe from a loopback TCP port in the judge's namespace to a unix socket: how the
// judge's clients reach an agent that lives in its cluster's network namespace (unix
// sockets are files, so they cross network namespaces).
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";

export interface Forwarder {
  /** "127.0.0.1:PORT" */
  address: string;
  close(): Promise<void>;
}

export function forwardTcpToUnix(socketPath: string): Promise<Forwarder> {
  const open = new Set<Socket>();
  const server: Server = createServer({ noDelay: true }, (client) => {
    const upstream = connect({ path: socketPath });
    open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      const { port } = server.address() as AddressInfo;
      resolve({
        address: `127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
