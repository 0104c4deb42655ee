// The gRPC runtime of the platform's `rpc` crate (its grpc.rs), as text so that the bundled
// cloud build step carries it: unary calls over h2 with prost messages, server and client.
export const grpcRuntime = `//! The platform's unary gRPC over HTTP/2 (h2 + prost), for nodes and their peers. Debian has
//! no tonic: this is the part of it a node needs. A call is an HTTP/2 POST to
//! /<package>.<Service>/<Method> with content-type application/grpc; each message is framed
//! as a 1-byte compressed flag (always 0 here), a 4-byte big-endian length and the encoded
//! message; the outcome is in the grpc-status and grpc-message trailers (or in the headers
//! of a trailers-only answer).
use bytes::{Buf, BufMut, Bytes, BytesMut};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;

/// A future a trait method returns: \`Box::pin(async move { ... })\`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What an RPC handler returns: the reply, or the status the caller gets instead.
pub type Reply<'a, T> = BoxFuture<'a, Result<T, Status>>;

/// gRPC status codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

impl Code {
    fn from_i32(value: i32) -> Code {
        const ALL: [Code; 17] = [
            Code::Ok,
            Code::Cancelled,
            Code::Unknown,
            Code::InvalidArgument,
            Code::DeadlineExceeded,
            Code::NotFound,
            Code::AlreadyExists,
            Code::PermissionDenied,
            Code::ResourceExhausted,
            Code::FailedPrecondition,
            Code::Aborted,
            Code::OutOfRange,
            Code::Unimplemented,
            Code::Internal,
            Code::Unavailable,
            Code::DataLoss,
            Code::Unauthenticated,
        ];
        ALL.get(value as usize).copied().unwrap_or(Code::Unknown)
    }
}

/// A failed call: what a handler answers instead of a reply, or what a client call got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub code: Code,
    pub message: String,
}

impl Status {
    pub fn new(code: Code, message: impl Into<String>) -> Status {
        Status { code, message: message.into() }
    }
    pub fn invalid_argument(message: impl Into<String>) -> Status {
        Status::new(Code::InvalidArgument, message)
    }
    pub fn failed_precondition(message: impl Into<String>) -> Status {
        Status::new(Code::FailedPrecondition, message)
    }
    pub fn unavailable(message: impl Into<String>) -> Status {
        Status::new(Code::Unavailable, message)
    }
    pub fn internal(message: impl Into<String>) -> Status {
        Status::new(Code::Internal, message)
    }
    pub fn unimplemented(message: impl Into<String>) -> Status {
        Status::new(Code::Unimplemented, message)
    }
    pub fn deadline_exceeded(message: impl Into<String>) -> Status {
        Status::new(Code::DeadlineExceeded, message)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for Status {}

/// One RPC of a service: the request's bytes in, the reply's bytes out.
pub type Handler = Arc<dyn Fn(Bytes) -> BoxFuture<'static, Result<Bytes, Status>> + Send + Sync>;

/// A service's RPCs by path ("/gcounter.CounterNode/Add"), made by the generated
/// \`<service>_routes\` functions.
pub type Routes = Vec<(&'static str, Handler)>;

/// Adapts a typed handler to the wire: decodes its request, encodes its reply.
pub fn unary<Req, Res, F>(handler: F) -> Handler
where
    Req: prost::Message + Default + 'static,
    Res: prost::Message + 'static,
    F: Fn(Req) -> BoxFuture<'static, Result<Res, Status>> + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    Arc::new(move |body: Bytes| {
        let handler = handler.clone();
        Box::pin(async move {
            let request = Req::decode(body)
                .map_err(|e| Status::invalid_argument(format!("cannot decode the request: {}", e)))?;
            let reply = handler(request).await?;
            Ok(Bytes::from(reply.encode_to_vec()))
        })
    })
}

/// Serves every route added on one address, each call in a task of its own.
#[derive(Default)]
pub struct Server {
    routes: HashMap<String, Handler>,
}

impl Server {
    pub fn new() -> Server {
        Server::default()
    }

    /// Adds a service's routes (\`gcounter::counter_node_routes(node.clone())\`).
    pub fn add(mut self, routes: Routes) -> Server {
        for (path, handler) in routes {
            self.routes.insert(path.to_string(), handler);
        }
        self
    }

    /// Listens on \`address\` ("127.0.0.1:7100") and serves until the process ends.
    pub async fn serve(self, address: &str) -> std::io::Result<()> {
        let listener = TcpListener::bind(address).await?;
        self.serve_on(listener).await
    }

    /// Serves on a listener already bound (to know the address before serving).
    pub async fn serve_on(self, listener: TcpListener) -> std::io::Result<()> {
        let routes = Arc::new(self.routes);
        loop {
            let (socket, _) = listener.accept().await?;
            let _ = socket.set_nodelay(true);
            let routes = routes.clone();
            tokio::spawn(async move { serve_connection(socket, routes).await });
        }
    }
}

async fn serve_connection(socket: TcpStream, routes: Arc<HashMap<String, Handler>>) {
    let mut connection = match h2::server::handshake(socket).await {
        Ok(connection) => connection,
        Err(_) => return,
    };
    while let Some(accepted) = connection.accept().await {
        let (request, respond) = match accepted {
            Ok(pair) => pair,
            Err(_) => return,
        };
        let routes = routes.clone();
        tokio::spawn(async move { serve_call(request, respond, routes).await });
    }
}

async fn serve_call(
    request: http::Request<h2::RecvStream>,
    mut respond: h2::server::SendResponse<Bytes>,
    routes: Arc<HashMap<String, Handler>>,
) {
    let path = request.uri().path().to_string();
    let outcome = match read_body(request.into_body()).await {
        Err(_) => return, // the caller went away
        Ok(body) => match routes.get(&path) {
            None => Err(Status::unimplemented(format!("unknown method {}", path))),
            Some(handler) => match unframe(body) {
                Ok(message) => handler(message).await,
                Err(status) => Err(status),
            },
        },
    };
    let headers = http::Response::builder()
        .status(200)
        .header("content-type", "application/grpc");
    match outcome {
        Ok(reply) => {
            let mut stream = match respond.send_response(headers.body(()).unwrap(), false) {
                Ok(stream) => stream,
                Err(_) => return,
            };
            if stream.send_data(frame(&reply), false).is_ok() {
                let _ = stream.send_trailers(status_headers(Code::Ok, ""));
            }
        }
        Err(status) => {
            // Trailers-only: the status in the headers, nothing after.
            let mut response = headers.body(()).unwrap();
            response.headers_mut().extend(status_headers(status.code, &status.message));
            let _ = respond.send_response(response, true);
        }
    }
}

fn status_headers(code: Code, message: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert("grpc-status", http::HeaderValue::from(code as i32));
    if !message.is_empty() {
        if let Ok(value) = http::HeaderValue::from_str(&percent_encode(message)) {
            headers.insert("grpc-message", value);
        }
    }
    headers
}

/// grpc-message is percent-encoded UTF-8: printable ASCII but '%' stays as it is.
fn percent_encode(message: &str) -> String {
    let mut out = String::new();
    for byte in message.bytes() {
        if (0x20..0x7f).contains(&byte) && byte != b'%' {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{:02X}", byte));
        }
    }
    out
}

fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn read_body(mut body: h2::RecvStream) -> Result<Bytes, h2::Error> {
    let mut buffer = BytesMut::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk?;
        let _ = body.flow_control().release_capacity(chunk.len());
        buffer.extend_from_slice(&chunk);
    }
    Ok(buffer.freeze())
}

fn frame(message: &[u8]) -> Bytes {
    let mut out = BytesMut::with_capacity(5 + message.len());
    out.put_u8(0);
    out.put_u32(message.len() as u32);
    out.put_slice(message);
    out.freeze()
}

/// The one message of a unary call's body.
fn unframe(mut body: Bytes) -> Result<Bytes, Status> {
    if body.len() < 5 {
        return Err(Status::internal("a gRPC message needs a 5-byte header"));
    }
    if body.get_u8() != 0 {
        return Err(Status::unimplemented("compressed messages are not supported"));
    }
    let length = body.get_u32() as usize;
    if body.len() < length {
        return Err(Status::internal("the gRPC message is cut short"));
    }
    Ok(body.split_to(length))
}

/// A connection to one peer, made on the first call and again after it broke (the peer
/// restarted, a partition healed). Cheap to clone; clones share the connection.
#[derive(Clone)]
pub struct Channel {
    address: Arc<str>,
    connection: Arc<Mutex<Option<h2::client::SendRequest<Bytes>>>>,
}

impl Channel {
    /// Connects lazily: no connection is made before the first call.
    pub fn new(address: &str) -> Channel {
        Channel { address: address.into(), connection: Arc::new(Mutex::new(None)) }
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    /// One unary call, failed with DEADLINE_EXCEEDED when \`timeout\` passes.
    pub async fn unary<Req, Res>(&self, path: &str, request: &Req, timeout: Duration) -> Result<Res, Status>
    where
        Req: prost::Message,
        Res: prost::Message + Default,
    {
        match tokio::time::timeout(timeout, self.call(path, request.encode_to_vec(), timeout)).await {
            Ok(outcome) => {
                let body = outcome?;
                Res::decode(body).map_err(|e| Status::internal(format!("cannot decode the reply: {}", e)))
            }
            Err(_) => Err(Status::deadline_exceeded(format!("no answer from {} in time", self.address))),
        }
    }

    async fn call(&self, path: &str, message: Vec<u8>, timeout: Duration) -> Result<Bytes, Status> {
        let sender = self.sender().await?;
        let mut sender = match sender.ready().await {
            Ok(sender) => sender,
            Err(e) => return Err(self.broken(e).await),
        };
        let request = http::Request::builder()
            .method("POST")
            .uri(format!("http://{}{}", self.address, path))
            .header("content-type", "application/grpc")
            .header("te", "trailers")
            .header("grpc-timeout", format!("{}m", timeout.as_millis().max(1)))
            .body(())
            .map_err(|e| Status::internal(e.to_string()))?;
        let (response, mut stream) = match sender.send_request(request, false) {
            Ok(pair) => pair,
            Err(e) => return Err(self.broken(e).await),
        };
        if let Err(e) = stream.send_data(frame(&message), true) {
            return Err(self.broken(e).await);
        }
        let response = match response.await {
            Ok(response) => response,
            Err(e) => return Err(self.broken(e).await),
        };
        let (head, mut body) = response.into_parts();
        match status_of(&head.headers) {
            // Trailers-only: a status and no reply.
            Some(Ok(())) => return Err(Status::internal("the answer had a status but no reply")),
            Some(Err(status)) => return Err(status),
            None => {}
        }
        let mut data = BytesMut::new();
        while let Some(chunk) = body.data().await {
            let chunk = chunk.map_err(|e| Status::unavailable(e.to_string()))?;
            let _ = body.flow_control().release_capacity(chunk.len());
            data.extend_from_slice(&chunk);
        }
        let trailers = body.trailers().await.map_err(|e| Status::unavailable(e.to_string()))?;
        match trailers.as_ref().and_then(status_of) {
            Some(Ok(())) => unframe(data.freeze()),
            Some(Err(status)) => Err(status),
            None => Err(Status::internal("the answer had no grpc-status")),
        }
    }

    async fn sender(&self) -> Result<h2::client::SendRequest<Bytes>, Status> {
        let mut connection = self.connection.lock().await;
        if let Some(sender) = connection.as_ref() {
            return Ok(sender.clone());
        }
        let socket = TcpStream::connect(&*self.address)
            .await
            .map_err(|e| Status::unavailable(format!("cannot connect to {}: {}", self.address, e)))?;
        let _ = socket.set_nodelay(true);
        let (sender, driver) = h2::client::handshake(socket)
            .await
            .map_err(|e| Status::unavailable(format!("no HTTP/2 with {}: {}", self.address, e)))?;
        let shared = self.connection.clone();
        tokio::spawn(async move {
            let _ = driver.await;
            // The connection ended: the next call makes a new one.
            shared.lock().await.take();
        });
        *connection = Some(sender.clone());
        Ok(sender)
    }

    /// The connection failed: forget it, so the next call makes a new one.
    async fn broken(&self, error: h2::Error) -> Status {
        self.connection.lock().await.take();
        Status::unavailable(format!("{}: {}", self.address, error))
    }
}

/// The grpc-status (and grpc-message) in these headers, if any: Ok(()) for status 0.
fn status_of(headers: &http::HeaderMap) -> Option<Result<(), Status>> {
    let code = headers.get("grpc-status")?.to_str().ok()?.parse::<i32>().ok()?;
    if code == 0 {
        return Some(Ok(()));
    }
    let message = headers
        .get("grpc-message")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    Some(Err(Status::new(Code::from_i32(code), message)))
}
`;
