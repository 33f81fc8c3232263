//! Where token keys come from: a user pool's JWKS, fetched over the same HTTP stack as the SDK's calls (the
//! connector of [`crate::environment::ScriptEnvironment::connector`]: rustls on aws-lc, the script's proxy
//! settings, the client's connect and read timeouts) and kept per process by URI.
//!
//! As aws-jwt-verify's `SimpleJwksCache` and `SimplePenaltyBox` (awslabs/aws-jwt-verify `src/jwk.ts`): a key
//! found in the kept JWKS is used without a fetch; a kid that is not there makes one fetch again (Cognito
//! rotates keys); when that fetch does not have it either, the URI is not fetched again for
//! [`REFETCH_WAIT`] (aws-jwt-verify's default `waitSeconds` of 10), so that tokens with made-up kids cannot
//! make this process flood the URI. Callers that miss at the same time wait for one fetch and share it. A
//! failed fetch is not kept and does not start the wait (as in aws-jwt-verify).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use aws_smithy_runtime_api::client::http::{HttpConnector, HttpConnectorSettings};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::byte_stream::ByteStream;
use once_cell::sync::Lazy;

use crate::auth::verify::{Jwk, Jwks, JWT_UNKNOWN_KID};
use crate::error::{error_chain, ErrorKind, NativeError};
use crate::settings::ClientSettings;

/// A JWKS larger than this is refused: Cognito's holds two keys (about 1 KB).
pub const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// After a fetch that did not have the kid asked for, the URI is not fetched again for this long.
pub const REFETCH_WAIT: Duration = Duration::from_secs(10);
/// More JWKS URIs than this in one process is unusual; past it the cache starts over rather than grow.
pub const CACHE_CAPACITY: usize = 32;

/// One URI's kept JWKS and its fetch.
#[derive(Default)]
struct Slot {
    state: Mutex<State>,
    /// Held while fetching: callers that miss at the same time queue here and share the one fetch.
    fetching: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    jwks: Option<Arc<Jwks>>,
    /// Successful fetches so far: a caller that waited for another's fetch sees it changed.
    fetches: u64,
    /// Until when a kid missing from the kept JWKS is not fetched again.
    refused_until: Option<Instant>,
}

impl State {
    fn find(&self, kid: &str) -> Option<Jwk> {
        self.jwks.as_ref()?.find(kid).cloned()
    }
}

impl Slot {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

static CACHE: Lazy<RwLock<HashMap<String, Arc<Slot>>>> = Lazy::new(|| RwLock::new(HashMap::new()));

fn slot(uri: &str) -> Arc<Slot> {
    if let Some(slot) = CACHE.read().unwrap_or_else(|p| p.into_inner()).get(uri) {
        return slot.clone();
    }
    let mut cache = CACHE.write().unwrap_or_else(|p| p.into_inner());
    if cache.len() >= CACHE_CAPACITY && !cache.contains_key(uri) {
        cache.clear();
    }
    cache.entry(uri.to_owned()).or_default().clone()
}

/// The key `kid` of the JWKS at `uri`: from the kept JWKS, or fetched (see the module's doc).
pub async fn key_for(uri: &str, kid: &str, settings: &ClientSettings) -> Result<Jwk, NativeError> {
    let slot = slot(uri);
    let seen = {
        let state = slot.state();
        if let Some(key) = state.find(kid) {
            return Ok(key);
        }
        state.fetches
    };
    let _one_fetch = slot.fetching.lock().await;
    {
        let state = slot.state();
        if state.fetches != seen {
            // Another caller fetched while this one waited: a fetch now would get the same document.
            return state.find(kid).ok_or_else(|| unknown_kid(uri, kid, "fetched again just now"));
        }
        if state.jwks.is_some() && state.refused_until.is_some_and(|until| Instant::now() < until) {
            return Err(unknown_kid(
                uri,
                kid,
                &format!("fetched again less than {} s ago for a key it did not have (it is not fetched again sooner)", REFETCH_WAIT.as_secs()),
            ));
        }
    }
    let jwks = Arc::new(fetch(uri, settings).await?);
    let mut state = slot.state();
    state.jwks = Some(jwks.clone());
    state.fetches += 1;
    match jwks.find(kid) {
        Some(key) => {
            state.refused_until = None;
            Ok(key.clone())
        }
        None => {
            state.refused_until = Some(Instant::now() + REFETCH_WAIT);
            Err(unknown_kid(uri, kid, "fetched again just now"))
        }
    }
}

fn unknown_kid(uri: &str, kid: &str, when: &str) -> NativeError {
    NativeError::new(
        ErrorKind::Verification,
        JWT_UNKNOWN_KID,
        format!("The key {} the token names is not in the JWKS at {uri}, {when}: the token was not signed by this user pool, or with a key it no longer has.", crate::auth::verify::shown(kid)),
    )
}

/// GETs the JWKS at `uri` with the client's timeouts: connect and read on the connector, the whole exchange
/// within the operation timeout.
pub async fn fetch(uri: &str, settings: &ClientSettings) -> Result<Jwks, NativeError> {
    let mut timeouts = HttpConnectorSettings::builder().connect_timeout(settings.connect_timeout());
    if let Some(read) = settings.read_timeout() {
        timeouts = timeouts.read_timeout(read);
    }
    let connector = settings.environment.connector(&timeouts.build())?;
    let mut request =
        HttpRequest::get(uri).map_err(|e| NativeError::invalid_request(format!("The JWKS URI {uri} is not usable: {e}.")))?;
    request.headers_mut().insert("accept", "application/json");
    let limit = settings.operation_timeout();
    match tokio::time::timeout(limit, exchange(&connector, request, uri)).await {
        Ok(result) => result,
        Err(_) => Err(timed_out(uri, &format!("after {} ms", limit.as_millis()))),
    }
}

async fn exchange(connector: &impl HttpConnector, request: HttpRequest, uri: &str) -> Result<Jwks, NativeError> {
    let response = connector.call(request).await.map_err(|e| {
        if e.is_timeout() {
            timed_out(uri, &format!("({})", error_chain(&e)))
        } else {
            NativeError::new(ErrorKind::Transport, "ConnectionFailure", format!("Could not fetch the JWKS from {uri}: {}.", error_chain(&e)))
        }
    })?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(invalid_response(uri, Some(status), format!("it answered HTTP {status}, expected 200")));
    }
    let mut body = ByteStream::new(response.into_body());
    let mut document = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| {
            NativeError::new(
                ErrorKind::Transport,
                "ConnectionFailure",
                format!("The connection broke while the JWKS at {uri} was being read: {}.", error_chain(&e)),
            )
        })?;
        if document.len() + chunk.len() > MAX_JWKS_BYTES {
            return Err(invalid_response(uri, Some(status), format!("it is larger than {} KiB", MAX_JWKS_BYTES / 1024)));
        }
        document.extend_from_slice(&chunk);
    }
    Jwks::parse(&document).map_err(|problem| invalid_response(uri, Some(status), format!("it is not a JWKS: {problem}")))
}

fn timed_out(uri: &str, detail: &str) -> NativeError {
    NativeError::new(ErrorKind::Timeout, "RequestTimeout", format!("Fetching the JWKS from {uri} timed out {detail}."))
}

fn invalid_response(uri: &str, status: Option<u16>, problem: String) -> NativeError {
    NativeError {
        status_code: status,
        ..NativeError::new(ErrorKind::InvalidResponse, "InvalidResponse", format!("The JWKS at {uri} could not be used: {problem}."))
    }
}

/// Whether a JWKS from `uri` is kept (tests).
#[cfg(test)]
pub fn kept(uri: &str) -> bool {
    CACHE.read().unwrap().get(uri).is_some_and(|s| s.state().jwks.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::environment::ScriptEnvironment;
    use crate::testserver::{Reply, TestServer};
    use crate::verify::fixtures::*;
    use crate::verify::{verify_token, VerifiedToken, VerifyTokenInput};

    fn settings() -> ClientSettings {
        serde_json::from_value(serde_json::json!({"connectTimeoutMs": 2000, "timeoutMs": 10000})).unwrap()
    }

    /// The token checked with the keys at `uri`.
    fn fetched(token: &str, uri: &str) -> VerifyTokenInput {
        VerifyTokenInput { jwks: None, jwks_uri: Some(uri.to_owned()), ..input(token) }
    }

    fn run_with(input: VerifyTokenInput, settings: &ClientSettings) -> Result<VerifiedToken, NativeError> {
        crate::runtime::runtime().block_on(verify_token(input, settings))
    }

    fn run(input: VerifyTokenInput) -> Result<VerifiedToken, NativeError> {
        run_with(input, &settings())
    }

    fn serve(body: String) -> (TestServer, String) {
        let server = TestServer::start(vec![Reply::Json { status: 200, body }]);
        let uri = format!("{}/{POOL}/.well-known/jwks.json", server.url);
        (server, uri)
    }

    fn requests(server: &TestServer) -> usize {
        server.requests.lock().unwrap().len()
    }

    #[test]
    fn the_jwks_is_fetched_once_and_kept_for_later_tokens() {
        let (server, uri) = serve(jwks(&[&keys()[0]]));
        let token = sign(&keys()[0], &access_claims());
        let verified = run(fetched(&token, &uri)).unwrap();
        assert_eq!(verified.jwks_uri.as_deref(), Some(uri.as_str()));
        assert!(kept(&uri));
        run(fetched(&sign(&keys()[0], &id_claims()), &uri)).unwrap();
        assert_eq!(requests(&server), 1);
    }

    #[test]
    fn a_rotated_key_is_found_by_fetching_again() {
        let server = TestServer::start(vec![
            Reply::Json { status: 200, body: jwks(&[&keys()[0]]) },
            Reply::Json { status: 200, body: jwks(&[&keys()[0], &keys()[1]]) },
        ]);
        let uri = format!("{}/jwks.json", server.url);
        run(fetched(&sign(&keys()[0], &access_claims()), &uri)).unwrap();
        assert_eq!(run(fetched(&sign(&keys()[1], &access_claims()), &uri)).unwrap().kid, "kid-two");
        assert_eq!(requests(&server), 2);
    }

    #[test]
    fn an_unknown_kid_fetches_again_once_and_then_not_for_a_while() {
        let (server, uri) = serve(jwks(&[&keys()[0]]));
        run(fetched(&sign(&keys()[0], &access_claims()), &uri)).unwrap();
        let stranger = sign(&keys()[1], &access_claims());
        let first = run(fetched(&stranger, &uri)).unwrap_err();
        assert_eq!((first.kind, first.code.as_str()), (ErrorKind::Verification, JWT_UNKNOWN_KID));
        assert!(first.message.contains("kid-two") && first.message.contains(&uri) && first.message.contains("just now"), "{}", first.message);
        assert_eq!(requests(&server), 2, "one fetch for the unknown kid");
        let again = run(fetched(&stranger, &uri)).unwrap_err();
        assert_eq!(again.code, JWT_UNKNOWN_KID);
        assert!(again.message.contains("less than 10 s ago"), "{}", again.message);
        run(fetched(&sign(&keys()[0], &access_claims()), &uri)).unwrap();
        assert_eq!(requests(&server), 2, "neither the refused kid nor a kept one fetches again");
    }

    #[test]
    fn callers_that_miss_together_share_one_fetch() {
        let (server, uri) = serve(jwks(&[&keys()[0]]));
        let (known, unknown) = ("kid-one", "kid-unknown");
        let results = crate::runtime::runtime().block_on(async {
            let spawn_all = |kid: &'static str| {
                (0..8)
                    .map(|_| {
                        let uri = uri.clone();
                        tokio::spawn(async move { key_for(&uri, kid, &settings()).await })
                    })
                    .collect::<Vec<_>>()
            };
            let mut results = Vec::new();
            for task in spawn_all(known) {
                results.push(task.await.unwrap());
            }
            let fetches_for_known = requests(&server);
            for task in spawn_all(unknown) {
                results.push(task.await.unwrap());
            }
            (fetches_for_known, results)
        });
        assert_eq!(results.0, 1, "eight callers, one fetch");
        assert!(results.1[..8].iter().all(|r| r.as_ref().is_ok_and(|k| k.kid.as_deref() == Some(known))));
        assert!(results.1[8..].iter().all(|r| r.as_ref().is_err_and(|e| e.code == JWT_UNKNOWN_KID)));
        assert_eq!(requests(&server), 2, "eight callers with an unknown kid, one fetch again");
    }

    #[test]
    fn an_unreachable_jwks_is_a_transport_error_naming_the_url() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let uri = format!("http://127.0.0.1:{port}/jwks.json");
        let err = run(fetched(&sign(&keys()[0], &access_claims()), &uri)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Transport);
        assert!(err.message.starts_with(&format!("Could not fetch the JWKS from {uri}: ")), "{}", err.message);
        assert!(!kept(&uri));
    }

    #[test]
    fn a_document_that_is_not_a_jwks_is_an_invalid_response_naming_the_url() {
        for (body, problem) in [
            ("<html>Sign in</html>".to_owned(), "it is not a JWKS: it is not valid JSON (line 1, column 1)"),
            (r#"{"keys":[{"kid":"kid-one"}]}"#.to_owned(), "it is not a JWKS: key 0 has no kty"),
            ("x".repeat(MAX_JWKS_BYTES + 1), "it is larger than 1024 KiB"),
        ] {
            let (_server, uri) = serve(body);
            let err = run(fetched(&sign(&keys()[0], &access_claims()), &uri)).unwrap_err();
            assert_eq!((err.kind, err.status_code), (ErrorKind::InvalidResponse, Some(200)));
            assert_eq!(err.message, format!("The JWKS at {uri} could not be used: {problem}."));
        }
    }

    #[test]
    fn a_status_other_than_200_is_an_invalid_response_naming_url_and_status() {
        let server = TestServer::start(vec![Reply::Json { status: 403, body: "{\"message\":\"Forbidden\"}".into() }]);
        let uri = format!("{}/jwks.json", server.url);
        let err = run(fetched(&sign(&keys()[0], &access_claims()), &uri)).unwrap_err();
        assert_eq!((err.kind, err.status_code), (ErrorKind::InvalidResponse, Some(403)));
        assert_eq!(err.message, format!("The JWKS at {uri} could not be used: it answered HTTP 403, expected 200."));
    }

    #[test]
    fn a_silent_server_is_a_timeout_of_the_client_settings() {
        let server = TestServer::start(vec![Reply::Silence(Duration::from_secs(5))]);
        let uri = format!("{}/jwks.json", server.url);
        let quick: ClientSettings = serde_json::from_value(serde_json::json!({"timeoutMs": 300})).unwrap();
        let err = run_with(fetched(&sign(&keys()[0], &access_claims()), &uri), &quick).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Timeout);
        assert!(err.message.starts_with(&format!("Fetching the JWKS from {uri} timed out")), "{}", err.message);
    }

    #[test]
    fn the_fetch_goes_through_the_proxy_of_the_scripts_environment() {
        // The host does not resolve: only the proxy can answer.
        let (proxy, _) = serve(jwks(&[&keys()[0]]));
        let uri = "http://jwks.invalid/eu-west-1_AbC123/.well-known/jwks.json";
        let mut through_proxy = settings();
        through_proxy.environment = ScriptEnvironment::from_pairs(&[("HTTP_PROXY", &proxy.url)]);
        run_with(fetched(&sign(&keys()[0], &access_claims()), uri), &through_proxy).unwrap();
        assert_eq!(requests(&proxy), 1);
    }
}
