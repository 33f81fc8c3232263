//! Benchmark peer: AdminInitiateAuth made directly with the AWS SDK for Rust, configured like the module's
//! native core (static credentials, endpoint URL, 10 s connect / 100 s operation timeouts, standard retry
//! with 3 attempts). What the module costs above this is what the C ABI, the C# layer and PowerShell add.
//!
//! ```text
//! cgip-bench-rust-peer MODE --endpoint URL --pool ID --client-id ID --user NAME --password PW
//!                      [--calls N] [--warmup N] [--concurrency N] [--checkpoints N,N,...]
//! MODE: first-call | latency | throughput | memory | latency-abi | throughput-abi
//! ```
//!
//! `latency-abi` is not the SDK alone: it makes the calls through the module's own native core, with the
//! request envelope the C# layer writes and the C ABI calls the C# layer makes, but no .NET. Beside `latency`
//! it splits the module's overhead into what the native core adds and what .NET and PowerShell add.
//!
//! Prints one JSON object on stdout. Times are nanoseconds, memory is KiB (VmRSS).

use std::collections::HashMap;
use std::mem::MaybeUninit;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
use aws_sdk_cognitoidentityprovider::Client;
use interoptopus::pattern::slice::Slice;
use interoptopus::pattern::vec::Vec as FfiVec;
use serde_json::json;

struct Args {
    mode: String,
    endpoint: String,
    pool: String,
    client_id: String,
    user: String,
    password: String,
    calls: usize,
    warmup: usize,
    concurrency: usize,
    checkpoints: Vec<usize>,
}

fn usage() -> ! {
    eprintln!(
        "usage: cgip-bench-rust-peer first-call|latency|throughput|memory|latency-abi|throughput-abi --endpoint URL --pool ID --client-id ID \
         --user NAME --password PW [--calls N] [--warmup N] [--concurrency N] [--checkpoints N,N,...]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut it = std::env::args().skip(1);
    let mode = it.next().unwrap_or_else(|| usage());
    let mut a = Args {
        mode,
        endpoint: String::new(),
        pool: String::new(),
        client_id: String::new(),
        user: String::new(),
        password: String::new(),
        calls: 1000,
        warmup: 50,
        concurrency: 1,
        checkpoints: vec![10, 10_000],
    };
    while let Some(name) = it.next() {
        let value = it.next().unwrap_or_else(|| usage());
        let number = || value.parse::<usize>().unwrap_or_else(|_| usage());
        match name.as_str() {
            "--endpoint" => a.endpoint = value.clone(),
            "--pool" => a.pool = value.clone(),
            "--client-id" => a.client_id = value.clone(),
            "--user" => a.user = value.clone(),
            "--password" => a.password = value.clone(),
            "--calls" => a.calls = number(),
            "--warmup" => a.warmup = number(),
            "--concurrency" => a.concurrency = number().max(1),
            "--checkpoints" => {
                a.checkpoints = value.split(',').map(|v| v.trim().parse().unwrap_or_else(|_| usage())).collect();
                a.checkpoints.sort_unstable();
                a.checkpoints.dedup();
            }
            _ => usage(),
        }
    }
    if a.endpoint.is_empty() || a.pool.is_empty() || a.client_id.is_empty() {
        usage();
    }
    a
}

/// The client the module's native core would build for `-EndpointUrl -Region -AccessKey -SecretKey`.
fn build_client(endpoint: &str) -> Client {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(10))
        .operation_timeout(Duration::from_secs(100))
        .build();
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .timeout_config(timeouts)
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .credentials_provider(Credentials::new("AKIDTEST", "test-secret", None, None, "bench"))
        .endpoint_url(endpoint)
        .build();
    Client::from_conf(config)
}

struct Call {
    pool: String,
    client_id: String,
    params: HashMap<String, String>,
}

impl Call {
    async fn once(&self, client: &Client) {
        let out = client
            .admin_initiate_auth()
            .user_pool_id(&self.pool)
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .set_auth_parameters(Some(self.params.clone()))
            .send()
            .await;
        match out {
            Ok(o) if o.authentication_result().and_then(|r| r.access_token()).is_some_and(|t| !t.is_empty()) => {}
            Ok(_) => fail("the response has no AuthenticationResult.AccessToken"),
            Err(e) => fail(&format!("{}", aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(e))),
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("cgip-bench-rust-peer: call failed: {message}");
    std::process::exit(1)
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn ns(d: Duration) -> u64 {
    d.as_nanos() as u64
}

/// The envelope `Start-CGIPAuthAdmin -EndpointUrl -Region -AccessKey -SecretKey` writes (module/src/Native/
/// NativeRequest.cs), with the environment variables it passes (module/src/Common/ScriptEnvironment.cs).
fn abi_envelope(args: &Args) -> Vec<u8> {
    let environment: serde_json::Map<String, serde_json::Value> = cgip_native::environment::PASSED_NAMES
        .iter()
        .filter_map(|name| std::env::var(name).ok().map(|v| (name.to_string(), v.into())))
        .collect();
    let client = json!({
        "region": "us-east-1", "endpointUrl": args.endpoint,
        "credentials": { "accessKeyId": "AKIDTEST", "secretAccessKey": "test-secret" },
        "environment": environment,
    });
    let input = json!({
        "ClientId": args.client_id, "UserPoolId": args.pool, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
        "AuthParameters": { "USERNAME": args.user, "PASSWORD": args.password },
    });
    // `operation` first, as the C# writer puts it (serde_json's maps would sort it after `input`).
    format!(r#"{{"operation":"AdminInitiateAuth","client":{client},"input":{input}}}"#).into_bytes()
}

/// One call as NativeCore.Invoke makes it: a cancel token, cgip_invoke, the buffer handed back, the token freed.
fn abi_call(envelope: &[u8]) {
    let token = cgip_native::ffi::cgip_cancel_new();
    let mut slot = MaybeUninit::<FfiVec<u8>>::uninit();
    // SAFETY: the envelope outlives the call, the token is live until freed below, the slot has room for one buffer.
    let status = unsafe { cgip_native::ffi::cgip_invoke(Slice::from_slice(envelope), token.as_ref(), &mut slot) };
    // SAFETY: cgip_invoke writes the slot whenever it is not null.
    let body = unsafe { slot.assume_init() }.into_vec();
    let failure = (status != 0 || !body.windows(13).any(|w| w == b"\"AccessToken\""))
        // An error answer carries a kind, a code and a message, never a token.
        .then(|| format!("the native core answered status {status} without an access token: {}", String::from_utf8_lossy(&body)));
    // SAFETY: the buffer came from cgip_invoke (back in its FFI form, unchanged) and the token from
    // cgip_cancel_new, each handed back once.
    unsafe {
        cgip_native::ffi::cgip_buffer_free(FfiVec::from_vec(body));
        cgip_native::ffi::cgip_cancel_free(token);
    }
    if let Some(message) = failure {
        fail(&message);
    }
}

fn abi_latency(args: &Args) -> serde_json::Value {
    let envelope = abi_envelope(args);
    for _ in 0..args.warmup {
        abi_call(&envelope);
    }
    let samples: Vec<u64> = (0..args.calls)
        .map(|_| {
            let t = Instant::now();
            abi_call(&envelope);
            ns(t.elapsed())
        })
        .collect();
    json!({ "samples_ns": samples })
}

/// `--concurrency` plain threads calling through the C ABI at once, as many runspaces would, released together
/// after each has warmed up: calls/s over all of them.
fn abi_throughput(args: &Args) -> serde_json::Value {
    let envelope = abi_envelope(args);
    let threads = args.concurrency.max(1);
    let per_thread = args.calls.div_ceil(threads);
    let barrier = std::sync::Barrier::new(threads + 1);
    let (started, finished) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    for _ in 0..args.warmup.max(1) {
                        abi_call(&envelope);
                    }
                    barrier.wait();
                    for _ in 0..per_thread {
                        abi_call(&envelope);
                    }
                    Instant::now()
                })
            })
            .collect();
        barrier.wait();
        let started = Instant::now();
        (started, workers.into_iter().map(|w| w.join().unwrap()).max().unwrap())
    });
    json!({ "calls": per_thread * threads, "concurrency": threads, "elapsed_ns": ns(finished - started) })
}

/// The program (`src/main.rs` only calls this; see Cargo.toml for why the code sits in a library).
pub fn main() {
    let started = Instant::now();
    let args = parse_args();
    if args.mode == "latency-abi" {
        // The native core blocks on its own runtime, so these calls come from a plain thread, as from .NET.
        println!("{}", abi_latency(&args));
        return;
    }
    if args.mode == "throughput-abi" {
        println!("{}", abi_throughput(&args));
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let call = Arc::new(Call {
        pool: args.pool.clone(),
        client_id: args.client_id.clone(),
        params: HashMap::from([("USERNAME".to_owned(), args.user.clone()), ("PASSWORD".to_owned(), args.password.clone())]),
    });
    let result = runtime.block_on(async {
        match args.mode.as_str() {
            "first-call" => {
                let t = Instant::now();
                let client = build_client(&args.endpoint);
                let client_ns = ns(t.elapsed());
                let t = Instant::now();
                call.once(&client).await;
                let first_call_ns = ns(t.elapsed());
                let t = Instant::now();
                call.once(&client).await;
                let second_call_ns = ns(t.elapsed());
                json!({
                    "client_ns": client_ns,
                    "first_call_ns": first_call_ns,
                    "second_call_ns": second_call_ns,
                    // From the start of main (runtime, client and first call): the in-process cost a fresh
                    // program pays before its first answer.
                    "main_to_first_answer_ns": ns(started.elapsed()) - second_call_ns,
                })
            }
            "latency" => {
                let client = build_client(&args.endpoint);
                for _ in 0..args.warmup {
                    call.once(&client).await;
                }
                let rss_after_warmup = rss_kib();
                let mut samples = Vec::with_capacity(args.calls);
                for _ in 0..args.calls {
                    let t = Instant::now();
                    call.once(&client).await;
                    samples.push(ns(t.elapsed()));
                }
                json!({ "samples_ns": samples, "rss_kib_after_warmup": rss_after_warmup, "rss_kib_end": rss_kib() })
            }
            "throughput" => {
                let client = build_client(&args.endpoint);
                let per_task = args.calls.div_ceil(args.concurrency);
                // Warm one connection per task, then start everyone together.
                let warm: Vec<_> = (0..args.concurrency)
                    .map(|_| {
                        let (client, call) = (client.clone(), call.clone());
                        let warmup = args.warmup.max(1);
                        tokio::spawn(async move {
                            for _ in 0..warmup {
                                call.once(&client).await;
                            }
                        })
                    })
                    .collect();
                for w in warm {
                    w.await.expect("warm-up task");
                }
                let t = Instant::now();
                let tasks: Vec<_> = (0..args.concurrency)
                    .map(|_| {
                        let (client, call) = (client.clone(), call.clone());
                        tokio::spawn(async move {
                            for _ in 0..per_task {
                                call.once(&client).await;
                            }
                        })
                    })
                    .collect();
                for task in tasks {
                    task.await.expect("worker task");
                }
                let elapsed = t.elapsed();
                json!({
                    "calls": per_task * args.concurrency,
                    "concurrency": args.concurrency,
                    "elapsed_ns": ns(elapsed),
                })
            }
            "memory" => {
                let client = build_client(&args.endpoint);
                let mut done = 0usize;
                let mut points = Vec::new();
                for &target in &args.checkpoints {
                    while done < target {
                        call.once(&client).await;
                        done += 1;
                    }
                    points.push(json!({ "calls": done, "rss_kib": rss_kib() }));
                }
                json!({ "checkpoints": points })
            }
            _ => usage(),
        }
    });
    println!("{result}");
}
