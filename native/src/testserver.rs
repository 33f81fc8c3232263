//! A loopback HTTP/1.1 responder for tests: serves canned responses in order and records what it got.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone)]
pub enum Reply {
    Json { status: u16, body: String },
    /// Reads the request and then holds the connection open without answering.
    Silence(Duration),
    /// Declares `declared_len` body bytes, sends `body` (fewer, to cut the connection mid-body) and closes.
    Cut { status: u16, body: String, declared_len: usize },
    /// Echoes the `X-Test-Id` of the request body back in a valid AdminInitiateAuth response.
    EchoSession,
    /// Answers 400 InvalidParameterException whose message quotes the request body, as some proxies do.
    EchoInMessage,
}

pub struct Recorded {
    pub target: String,
    pub body: String,
}

pub struct TestServer {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
}

pub fn ok_body() -> String {
    r#"{"AuthenticationResult":{"AccessToken":"at","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"rt","IdToken":"it"},"ChallengeParameters":{}}"#.to_owned()
}

pub fn error_body(code: &str, message: &str) -> String {
    format!(r#"{{"__type":"{code}","message":"{message}"}}"#)
}

impl TestServer {
    /// Serves `replies` in order, then repeats the last one.
    pub fn start(replies: Vec<Reply>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().flatten().enumerate() {
                let reply = replies[n.min(replies.len() - 1)].clone();
                let seen = seen.clone();
                std::thread::spawn(move || serve(stream, reply, seen));
            }
        });
        TestServer { url, requests }
    }
}

fn serve(stream: TcpStream, reply: Reply, seen: Arc<Mutex<Vec<Recorded>>>) {
    // Head and body are two writes: with Nagle's algorithm each keep-alive response would wait for an ACK.
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let (mut length, mut target) = (0usize, String::new());
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((name, value)) = l.split_once(':') {
                match name.to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap_or(0),
                    "x-amz-target" => target = value.trim().to_owned(),
                    _ => {}
                }
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let body = String::from_utf8_lossy(&body).into_owned();
        let (status, text) = match &reply {
            Reply::Json { status, body } => (*status, body.clone()),
            Reply::Cut { status, body: sent, declared_len } => {
                seen.lock().unwrap().push(Recorded { target, body });
                let head = format!("HTTP/1.1 {status} X\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-requestid: req-cut\r\nContent-Length: {declared_len}\r\n\r\n");
                let mut w = &stream;
                let _ = w.write_all(head.as_bytes()).and_then(|_| w.write_all(sent.as_bytes()));
                let _ = stream.shutdown(std::net::Shutdown::Both);
                return;
            }
            Reply::Silence(d) => {
                std::thread::sleep(*d);
                return;
            }
            Reply::EchoSession => {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                let id = v["ClientMetadata"]["id"].as_str().unwrap_or("").to_owned();
                (200, format!(r#"{{"ChallengeName":"CUSTOM_CHALLENGE","Session":"{id}","ChallengeParameters":{{}}}}"#))
            }
            Reply::EchoInMessage => {
                let message = format!("bad request: {body}");
                (400, serde_json::json!({"__type": "InvalidParameterException", "message": message}).to_string())
            }
        };
        seen.lock().unwrap().push(Recorded { target, body });
        let head = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-requestid: req-{status}\r\nContent-Length: {}\r\n\r\n",
            text.len()
        );
        let mut w = &stream;
        if w.write_all(head.as_bytes()).and_then(|_| w.write_all(text.as_bytes())).is_err() {
            return;
        }
    }
}
