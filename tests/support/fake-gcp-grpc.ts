// In-process stand-ins for the Google APIs the builder and the cloud cluster call. Cloud
// Run's and Cloud Build's Admin APIs (and google.longrunning.Operations) are served with
// grpc-js from the .proto files the client libraries ship, so the real clients talk to them
// over loopback exactly as to googleapis.com: services and builds kept in memory, creates
// and deletes answered with long-running operations that finish after a set number of
// polls, every request recorded, any call failed on demand with a chosen status. Cloud
// Storage's JSON API (HTTP) is served as far as uploads and ranged downloads go.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { Socket } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { CRC32C } from "@google-cloud/storage";
import protobuf from "protobufjs";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const INCLUDE_DIRS = [
  join(packageDir("@google-cloud/run"), "build/protos"),
  join(packageDir("@google-cloud/cloudbuild"), "build/protos"),
  join(dirname(require.resolve("google-gax")), "../../build/protos"),
];
const PROTO_FILES = [
  "google/cloud/run/v2/service.proto",
  "google/devtools/cloudbuild/v1/cloudbuild.proto",
  "google/longrunning/operations.proto",
];

// Decoded as the libraries' own JSON form: camelCase, enums by name, 64-bit as strings.
const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
  includeDirs: INCLUDE_DIRS,
};

/* eslint-disable @typescript-eslint/no-explicit-any -- requests are the protos' JSON form */
type Message = Record<string, any>;

export interface RecordedCall {
  method: string;
  request: Message;
}

interface PendingOperation {
  pollsLeft: number;
  /** Resolves when the work behind the operation is done (a test's agent listens). */
  ready: Promise<unknown>;
  readyDone: boolean;
  result: () => { response: Message; type: string } | { error: { code: number; message: string } };
  metadata?: { value: Message; type: string };
}

export interface FakeGcpOptions {
  /** GetOperation calls that answer "not done" before an operation finishes. */
  operationPolls?: number;
  /**
   * Called when a service is created or replaced; its operation finishes after this
   * resolves (a test starts the service's agent here).
   */
  onServiceDeployed?: (service: Message) => Promise<void>;
  /** Called when a service is deleted. */
  onServiceDeleted?: (service: Message) => Promise<void>;
}

export class FakeGcp {
  readonly calls: RecordedCall[] = [];
  readonly services = new Map<string, Message>();
  /** Each service's IAM policy, by service name, as SetIamPolicy left it. */
  readonly policies = new Map<string, Message>();
  readonly builds = new Map<string, Message>();
  private readonly operations = new Map<string, PendingOperation>();
  private readonly failures = new Map<string, { code: grpc.status; message: string }[]>();
  private readonly server = new grpc.Server();
  private readonly root: protobuf.Root;
  port = 0;

  constructor(private readonly opts: FakeGcpOptions = {}) {
    this.root = loadRoot();
    const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_FILES, LOADER_OPTIONS));
    const service = (path: string) =>
      (path.split(".").reduce((o: any, k) => o[k], loaded) as grpc.ServiceClientConstructor)
        .service;
    this.server.addService(service("google.cloud.run.v2.Services"), this.handlers(RUN));
    this.server.addService(
      service("google.devtools.cloudbuild.v1.CloudBuild"),
      this.handlers(BUILD),
    );
    this.server.addService(service("google.longrunning.Operations"), this.handlers(OPERATIONS));
  }

  async start(): Promise<this> {
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve(port),
      ),
    );
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  /** The next calls of `method` fail with `code`, one per entry. */
  failNext(method: string, code: grpc.status, message = `injected ${grpc.status[code]}`): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({ code, message });
    this.failures.set(method, queue);
  }

  callsTo(method: string): Message[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  /** Marks a stored build final, as Cloud Build would before publishing its notification. */
  finishBuild(id: string, status: string): Message {
    const build = this.builds.get(id);
    if (!build) throw new Error(`no build ${id}`);
    build["status"] = status;
    return build;
  }

  private handlers(table: Record<string, (this: FakeGcp, req: Message) => Promise<Message>>) {
    const out: grpc.UntypedServiceImplementation = {};
    for (const [method, handle] of Object.entries(table)) {
      out[method] = (call: grpc.ServerUnaryCall<Message, Message>, callback: any) => {
        this.calls.push({ method, request: call.request });
        const failure = this.failures.get(method)?.shift();
        if (failure) return callback({ code: failure.code, details: failure.message });
        handle.call(this, call.request).then(
          (answer) => callback(null, answer),
          (err: { code?: number; message: string }) =>
            callback({ code: err.code ?? grpc.status.INTERNAL, details: err.message }),
        );
      };
    }
    return out;
  }

  /** An Any holding `value` of message type `type` (full name). */
  any(type: string, value: Message): Message {
    const messageType = this.root.lookupType(type);
    return {
      typeUrl: `type.googleapis.com/${type}`,
      value: Buffer.from(messageType.encode(messageType.fromObject(value)).finish()),
    };
  }

  operation(
    name: string,
    ready: Promise<unknown>,
    op: Omit<PendingOperation, "pollsLeft" | "ready" | "readyDone">,
  ): Message {
    const pending: PendingOperation = {
      pollsLeft: this.opts.operationPolls ?? 1,
      ready,
      readyDone: false,
      ...op,
    };
    ready.then(
      () => (pending.readyDone = true),
      () => (pending.readyDone = true),
    );
    this.operations.set(name, pending);
    return this.operationMessage(name, pending, false);
  }

  operationMessage(name: string, op: PendingOperation, done: boolean): Message {
    const metadata = op.metadata ? { metadata: this.any(op.metadata.type, op.metadata.value) } : {};
    if (!done) return { name, done: false, ...metadata };
    const result = op.result();
    if ("error" in result) return { name, done: true, ...metadata, error: result.error };
    return { name, done: true, ...metadata, response: this.any(result.type, result.response) };
  }

  notFound(what: string): Error & { code: number } {
    return Object.assign(new Error(`${what} not found`), { code: grpc.status.NOT_FOUND });
  }

  deployed(service: Message): Promise<unknown> {
    return this.opts.onServiceDeployed?.(service) ?? Promise.resolve();
  }

  deleted(service: Message): Promise<unknown> {
    return this.opts.onServiceDeleted?.(service) ?? Promise.resolve();
  }

  pollOperation(name: string): Message {
    const op = this.operations.get(name);
    if (!op) throw this.notFound(`operation ${name}`);
    if (op.pollsLeft > 0 || !op.readyDone) {
      op.pollsLeft -= 1;
      return this.operationMessage(name, op, false);
    }
    return this.operationMessage(name, op, true);
  }
}

const SERVICE_TYPE = "google.cloud.run.v2.Service";
const BUILD_TYPE = "google.devtools.cloudbuild.v1.Build";

function readyService(service: Message, name: string): Message {
  const id = name.split("/").pop();
  return {
    ...service,
    name,
    uid: randomUUID(),
    reconciling: false,
    terminalCondition: { type: "Ready", state: "CONDITION_SUCCEEDED" },
    uri: `https://${id}-fake.a.run.app`,
  };
}

const RUN: Record<string, (this: FakeGcp, req: Message) => Promise<Message>> = {
  async CreateService(req) {
    const name = `${req["parent"]}/services/${req["serviceId"]}`;
    if (this.services.has(name)) {
      throw Object.assign(new Error(`service ${name} already exists`), {
        code: grpc.status.ALREADY_EXISTS,
      });
    }
    const service = readyService(req["service"], name);
    this.services.set(name, service);
    return this.operation(`${req["parent"]}/operations/${randomUUID()}`, this.deployed(service), {
      result: () => ({ type: SERVICE_TYPE, response: service }),
      metadata: { type: SERVICE_TYPE, value: service },
    });
  },
  async UpdateService(req) {
    const name = req["service"]["name"] as string;
    if (!this.services.has(name)) throw this.notFound(`service ${name}`);
    const service = readyService(req["service"], name);
    this.services.set(name, service);
    const parent = name.split("/services/")[0];
    return this.operation(`${parent}/operations/${randomUUID()}`, this.deployed(service), {
      result: () => ({ type: SERVICE_TYPE, response: service }),
    });
  },
  async GetService(req) {
    const service = this.services.get(req["name"]);
    if (!service) throw this.notFound(`service ${req["name"]}`);
    return service;
  },
  async ListServices(req) {
    const prefix = `${req["parent"]}/services/`;
    return { services: [...this.services.values()].filter((s) => s["name"].startsWith(prefix)) };
  },
  async SetIamPolicy(req) {
    if (!this.services.has(req["resource"])) throw this.notFound(`service ${req["resource"]}`);
    this.policies.set(req["resource"], req["policy"]);
    return req["policy"];
  },
  async GetIamPolicy(req) {
    if (!this.services.has(req["resource"])) throw this.notFound(`service ${req["resource"]}`);
    return this.policies.get(req["resource"]) ?? {};
  },
  async DeleteService(req) {
    const service = this.services.get(req["name"]);
    if (!service) throw this.notFound(`service ${req["name"]}`);
    this.services.delete(req["name"]);
    this.policies.delete(req["name"]);
    const parent = (req["name"] as string).split("/services/")[0];
    return this.operation(`${parent}/operations/${randomUUID()}`, this.deleted(service), {
      result: () => ({ type: SERVICE_TYPE, response: service }),
    });
  },
};

const BUILD: Record<string, (this: FakeGcp, req: Message) => Promise<Message>> = {
  async CreateBuild(req) {
    const id = randomUUID();
    const build = { ...req["build"], id, projectId: req["projectId"], status: "QUEUED" };
    this.builds.set(id, build);
    // The build runs for minutes: its operation stays open; the builder reads the id from
    // the metadata and never waits.
    return this.operation(`operations/build/${req["projectId"]}/${id}`, new Promise(() => {}), {
      result: () => ({ type: BUILD_TYPE, response: build }),
      metadata: { type: "google.devtools.cloudbuild.v1.BuildOperationMetadata", value: { build } },
    });
  },
  async GetBuild(req) {
    const build = this.builds.get(req["id"]);
    if (!build) throw this.notFound(`build ${req["id"]}`);
    return build;
  },
  async ListBuilds(req) {
    // Only the filter the builder uses: tags="T". Anything else is refused, as a drift alarm.
    const filter = (req["filter"] as string | undefined) ?? "";
    const match = /^tags="([^"]+)"$/.exec(filter);
    if (filter && !match) {
      throw Object.assign(new Error(`unsupported filter ${filter}`), {
        code: grpc.status.INVALID_ARGUMENT,
      });
    }
    const builds = [...this.builds.values()].filter(
      (b) => b["projectId"] === req["projectId"] && (!match || b["tags"]?.includes(match[1])),
    );
    return { builds };
  },
};

const OPERATIONS: Record<string, (this: FakeGcp, req: Message) => Promise<Message>> = {
  async GetOperation(req) {
    return this.pollOperation(req["name"]);
  },
};

function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) =>
    INCLUDE_DIRS.map((dir) => join(dir, target)).find((path) => existsSync(path)) ?? target;
  root.loadSync(PROTO_FILES, { keepCase: false });
  root.resolveAll();
  return root;
}

/**
 * Records every TCP connection this process opens to a host outside loopback (all of
 * node's clients, grpc-js and fetch included, connect through net.Socket). Call `stop()`
 * at the end and assert the list is empty: nothing went to googleapis.com.
 */
export function watchOutboundConnections(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const proto = Socket.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const original = proto.connect;
  proto.connect = function (this: Socket, ...args: unknown[]) {
    // net.connect passes its already normalized arguments as one array.
    const given = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    const first = given[0] as { host?: string; path?: string } | number | string;
    const host =
      typeof first === "object" && first !== null
        ? first.path
          ? null
          : (first.host ?? "localhost")
        : typeof first === "number"
          ? typeof given[1] === "string"
            ? given[1]
            : "localhost"
          : null; // a unix socket path
    if (host !== null && !/^(127\.|localhost$|::1$|\[::1\]$)/.test(host)) hosts.push(host);
    return original.apply(this, args);
  };
  return { hosts, stop: () => void (proto.connect = original) };
}

/** Client options that point a Google API client at the fake, with no TLS and no token. */
export function fakeClientOptions(port: number, projectId: string) {
  return {
    apiEndpoint: "127.0.0.1",
    port,
    sslCreds: grpc.credentials.createInsecure(),
    projectId,
    // Credentials that are never used (the channel carries none), so no lookup of
    // application default credentials or the metadata server happens.
    credentials: { client_email: "judge@fake.iam.gserviceaccount.com", private_key: "unused" },
  };
}

function crc32c(data: Buffer): string {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}

export interface StoredObject {
  bucket: string;
  name: string;
  data: Buffer;
  /** The metadata the client sent with the upload (contentType, metadata, ...). */
  metadata: Message;
  generation: string;
}

/**
 * Cloud Storage's JSON API, as much as the builder uses: multipart uploads, object
 * metadata, and ranged media downloads. Cloud Storage is HTTP, not gRPC; the library is
 * pointed here with its `apiEndpoint` option (a custom endpoint sends no credentials).
 */
export class FakeStorage {
  readonly objects = new Map<string, StoredObject>();
  readonly requests: { method: string; url: string; range?: string }[] = [];
  private readonly server = createHttpServer((req, res) => this.serve(req, res));
  private generation = 1_000;
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  put(bucket: string, name: string, data: Buffer | string): void {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    this.objects.set(`${bucket}/${name}`, {
      bucket,
      name,
      data: bytes,
      metadata: {},
      generation: String(++this.generation),
    });
  }

  private resource(o: StoredObject): Message {
    return {
      kind: "storage#object",
      bucket: o.bucket,
      name: o.name,
      generation: o.generation,
      size: String(o.data.length),
      contentType: o.metadata["contentType"],
      metadata: o.metadata["metadata"],
      crc32c: crc32c(o.data),
      md5Hash: createHash("md5").update(o.data).digest("base64"),
    };
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      // A connection per request: a kept-alive socket the server times out just as the
      // client reuses it resets the client's next request (seen under load).
      res.setHeader("connection", "close");
      const url = new URL(req.url ?? "/", "http://fake");
      this.requests.push({
        method: req.method ?? "",
        url: url.pathname + url.search,
        ...(req.headers.range ? { range: req.headers.range } : {}),
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
      if (req.method === "POST" && upload) {
        const stored = this.multipart(upload[1] as string, url, req, Buffer.concat(chunks));
        return json(200, this.resource(stored));
      }
      const object = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
      const found =
        object && this.objects.get(`${object[1]}/${decodeURIComponent(object[2] as string)}`);
      if (!found) return json(404, { error: { code: 404, message: "No such object" } });
      if (req.method === "GET" && url.searchParams.get("alt") === "media") {
        const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
        const [start, end] = range
          ? [Number(range[1]), Number(range[2])]
          : [0, found.data.length - 1];
        res.writeHead(range ? 206 : 200, { "content-type": "application/octet-stream" });
        return res.end(found.data.subarray(start, end + 1));
      }
      if (req.method === "GET") return json(200, this.resource(found));
      json(405, { error: { code: 405, message: `${req.method} not served by the fake` } });
    });
  }

  /** A multipart/related upload: a JSON metadata part, then the media part. */
  private multipart(bucket: string, url: URL, req: IncomingMessage, body: Buffer): StoredObject {
    const boundary = /boundary=([^;]+)/.exec(req.headers["content-type"] ?? "")?.[1] ?? "";
    const parts = body
      .toString("latin1")
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) => part.slice(part.indexOf("\r\n\r\n") + 4, -2));
    const metadata = JSON.parse(parts[0] ?? "{}") as Message;
    const stored: StoredObject = {
      bucket,
      name: url.searchParams.get("name") ?? (metadata["name"] as string),
      data: Buffer.from(parts[1] ?? "", "latin1"),
      metadata,
      generation: String(++this.generation),
    };
    this.objects.set(`${bucket}/${stored.name}`, stored);
    return stored;
  }
}
