//! Benchmark server: answers Cognito `AdminInitiateAuth` on 127.0.0.1 with one fixed, valid response
//! (an `AuthenticationResult` with tokens of realistic size), as fast as it can, or after `--delay-ms`.
//! It also answers DynamoDB `GetItem` with an item holding the same tokens: the AWS SDK for .NET peer's
//! call (its Cognito client is not obtainable here), so both pipelines parse a body of about the same size.
//!
//! ```text
//! cgip-bench-responder [--port N] [--delay-ms N] [--threads N] [--max-seconds N]
//! ```
//!
//! It binds 127.0.0.1 only (port 0 = any free port) and prints one line, `listening http://127.0.0.1:PORT`,
//! on stdout when it is ready. The request body is read in full and ignored; a request whose
//! `X-Amz-Target` is neither of those gets a 400 in the Cognito error shape. The process ends by
//! itself after `--max-seconds` (default 3600) so that a forgotten server never lives on.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

const TARGET: &str = "AWSCognitoIdentityProviderService.AdminInitiateAuth";
const GET_ITEM_TARGET: &str = "DynamoDB_20120810.GetItem";
const REQUEST_ID: &str = "5f0c1a62-7c3e-4a55-9d0e-bench0000001";

struct Options {
    port: u16,
    delay: Duration,
    threads: usize,
    max_seconds: u64,
}

fn usage() -> ! {
    eprintln!("usage: cgip-bench-responder [--port N] [--delay-ms N] [--threads N] [--max-seconds N]");
    std::process::exit(2)
}

fn parse_options() -> Options {
    let mut o = Options { port: 0, delay: Duration::ZERO, threads: 1, max_seconds: 3600 };
    let mut args = std::env::args().skip(1);
    while let Some(name) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        let number: u64 = value.parse().unwrap_or_else(|_| usage());
        match name.as_str() {
            "--port" => o.port = u16::try_from(number).unwrap_or_else(|_| usage()),
            "--delay-ms" => o.delay = Duration::from_millis(number),
            "--threads" => o.threads = usize::try_from(number).unwrap_or_else(|_| usage()).max(1),
            "--max-seconds" => o.max_seconds = number.max(1),
            _ => usage(),
        }
    }
    o
}

/// A JWT-looking string of `len` characters (header.payload.signature, base64url alphabet). The content is
/// meaningless; the size is what matters to the client's parsing and copying.
fn fake_jwt(len: usize, seed: u32) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let mut s = String::from("eyJraWQiOiJiZW5jaCIsImFsZyI6IlJTMjU2In0.");
    let payload_end = len * 2 / 3;
    while s.len() < len {
        if s.len() == payload_end {
            s.push('.');
            continue;
        }
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        s.push(ALPHABET[(state % 64) as usize] as char);
    }
    s
}

/// The canned AdminInitiateAuth response. Token lengths are those of a typical Cognito user pool
/// (access and ID tokens about 1 KB, the encrypted refresh token about 1.8 KB).
fn ok_body() -> Bytes {
    format!(
        r#"{{"AuthenticationResult":{{"AccessToken":"{}","ExpiresIn":3600,"IdToken":"{}","RefreshToken":"{}","TokenType":"Bearer"}},"ChallengeParameters":{{}}}}"#,
        fake_jwt(1078, 1),
        fake_jwt(1121, 2),
        fake_jwt(1786, 3),
    )
    .into()
}

/// The same tokens as a DynamoDB item (`GetItem` output), for the AWS SDK for .NET peer.
fn get_item_body() -> Bytes {
    format!(
        r#"{{"Item":{{"AccessToken":{{"S":"{}"}},"ExpiresIn":{{"N":"3600"}},"IdToken":{{"S":"{}"}},"RefreshToken":{{"S":"{}"}},"TokenType":{{"S":"Bearer"}}}}}}"#,
        fake_jwt(1078, 1),
        fake_jwt(1121, 2),
        fake_jwt(1786, 3),
    )
    .into()
}

/// The canned answers, by `X-Amz-Target`.
#[derive(Clone)]
struct Bodies {
    auth: Bytes,
    get_item: Bytes,
}

async fn answer(req: Request<Incoming>, bodies: Bodies, delay: Duration) -> Result<Response<Full<Bytes>>, Infallible> {
    let (ok, content_type) = match req.headers().get("x-amz-target").map(|v| v.as_bytes()) {
        Some(t) if t == TARGET.as_bytes() => (Some(bodies.auth), "application/x-amz-json-1.1"),
        Some(t) if t == GET_ITEM_TARGET.as_bytes() => (Some(bodies.get_item), "application/x-amz-json-1.0"),
        _ => (None, "application/x-amz-json-1.1"),
    };
    // Read the whole request body, as a real server must before answering.
    let _ = req.into_body().collect().await;
    if !delay.is_zero() {
        // A blocking-pool thread's sleep keeps to the requested time within tens of microseconds; tokio's
        // timer rounds up to whole milliseconds, which would turn 5 ms into about 6.
        let _ = tokio::task::spawn_blocking(move || std::thread::sleep(delay)).await;
    }
    let (status, body) = match ok {
        Some(body) => (StatusCode::OK, body),
        None => (
            StatusCode::BAD_REQUEST,
            Bytes::from_static(br#"{"__type":"UnknownOperationException","message":"This responder only answers AdminInitiateAuth and GetItem."}"#),
        ),
    };
    let response = Response::builder()
        .status(status)
        .header("content-type", content_type)
        .header("x-amzn-requestid", REQUEST_ID)
        .body(Full::new(body))
        .expect("static response parts are valid");
    Ok(response)
}

async fn serve(options: Options) -> std::io::Result<()> {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], options.port))).await?;
    println!("listening http://{}", listener.local_addr()?);
    let bodies = Bodies { auth: ok_body(), get_item: get_item_body() };
    let delay = options.delay;
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        let bodies = bodies.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| answer(req, bodies.clone(), delay));
            // Errors here are clients going away mid-request; nothing to report.
            let _ = http1::Builder::new().keep_alive(true).serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

fn main() {
    let options = parse_options();
    let runtime = if options.threads == 1 {
        tokio::runtime::Builder::new_current_thread().enable_all().build()
    } else {
        tokio::runtime::Builder::new_multi_thread().worker_threads(options.threads).enable_all().build()
    }
    .expect("tokio runtime");
    let lifetime = Duration::from_secs(options.max_seconds);
    runtime.block_on(async move {
        tokio::select! {
            result = serve(options) => {
                if let Err(e) = result {
                    eprintln!("cgip-bench-responder: {e}");
                    std::process::exit(1);
                }
            }
            _ = tokio::time::sleep(lifetime) => {
                eprintln!("cgip-bench-responder: --max-seconds reached, exiting");
            }
        }
    });
}
