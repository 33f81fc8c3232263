use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::*;
use crate::client::test_client_json;
use crate::envelope::request_bytes;
use crate::error::ErrorKind;
use crate::testserver::{error_body, ok_body, Reply, TestServer};

fn request(url: &str, operation: &str, input: Value) -> Vec<u8> {
    let client = test_client_json(url);
    request_bytes(&json!({"operation": operation, "client": client, "input": input}))
}

fn initiate(url: &str) -> Vec<u8> {
    request(
        url,
        "AdminInitiateAuth",
        json!({"UserPoolId": "us-east-1_abc", "ClientId": "client1", "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
               "AuthParameters": {"USERNAME": "alice", "PASSWORD": "hunter2-secret"}}),
    )
}

fn call(req: &[u8]) -> Result<Value, NativeError> {
    call_blocking(req, None).map(|bytes| serde_json::from_slice(&bytes).unwrap())
}

#[test]
fn sends_the_aws_request_and_parses_tokens() {
    let server = TestServer::start(vec![Reply::Json { status: 200, body: ok_body() }]);
    let out = call(&initiate(&server.url)).unwrap();
    assert_eq!(out["AuthenticationResult"]["AccessToken"], "at");
    assert_eq!(out["AuthenticationResult"]["ExpiresIn"], 3600);
    assert_eq!(out["ResponseMetadata"]["RequestId"], "req-200");
    let seen = server.requests.lock().unwrap();
    assert_eq!(seen[0].target, "AWSCognitoIdentityProviderService.AdminInitiateAuth");
    let body: Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(
        body,
        json!({"UserPoolId": "us-east-1_abc", "ClientId": "client1", "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
               "AuthParameters": {"USERNAME": "alice", "PASSWORD": "hunter2-secret"}})
    );
}

#[test]
fn respond_to_challenge_sends_its_own_target_and_members() {
    let body = r#"{"ChallengeName":"SELECT_CHALLENGE","Session":"next-session-0123456789","ChallengeParameters":{},
                  "AvailableChallenges":["PASSWORD","EMAIL_OTP"]}"#;
    let server = TestServer::start(vec![Reply::Json { status: 200, body: body.into() }]);
    let req = request(
        &server.url,
        "AdminRespondToAuthChallenge",
        json!({"UserPoolId": "p_1", "ClientId": "c", "ChallengeName": "NEW_PASSWORD_REQUIRED",
               "ChallengeResponses": {"USERNAME": "u", "NEW_PASSWORD": "n"}, "Session": "s".repeat(30)}),
    );
    let out = call(&req).unwrap();
    // AdminRespondToAuthChallengeResponse has AvailableChallenges too (a choice offered after a step).
    assert_eq!(out["AvailableChallenges"], json!(["PASSWORD", "EMAIL_OTP"]));
    let seen = server.requests.lock().unwrap();
    assert_eq!(seen[0].target, "AWSCognitoIdentityProviderService.AdminRespondToAuthChallenge");
    let body: Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(body["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    assert_eq!(body["ChallengeResponses"]["NEW_PASSWORD"], "n");
}

#[test]
fn unknown_enum_strings_are_passed_through_to_the_service() {
    let server = TestServer::start(vec![Reply::Json { status: 200, body: ok_body() }]);
    let req = request(&server.url, "AdminInitiateAuth", json!({"AuthFlow": "SOMETHING_NEW"}));
    call(&req).unwrap();
    let body: Value = serde_json::from_str(&server.requests.lock().unwrap()[0].body).unwrap();
    assert_eq!(body["AuthFlow"], "SOMETHING_NEW");
}

#[test]
fn service_errors_keep_code_message_status_and_request_id() {
    let server = TestServer::start(vec![Reply::Json {
        status: 400,
        body: error_body("NotAuthorizedException", "Incorrect username or password."),
    }]);
    let err = call(&initiate(&server.url)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Service);
    assert_eq!(err.code, "NotAuthorizedException");
    assert_eq!(err.message, "Incorrect username or password.");
    assert_eq!(err.status_code, Some(400));
    assert_eq!(err.request_id.as_deref(), Some("req-400"));
}

#[test]
fn server_errors_are_retried_then_succeed() {
    let server = TestServer::start(vec![
        Reply::Json { status: 500, body: error_body("InternalErrorException", "boom") },
        Reply::Json { status: 200, body: ok_body() },
    ]);
    let mut req: Value = serde_json::from_slice(&initiate(&server.url)).unwrap();
    req["client"]["maxAttempts"] = json!(3);
    call(&request_bytes(&req)).unwrap();
    assert_eq!(server.requests.lock().unwrap().len(), 2);
}

#[test]
fn throttling_is_retried_then_surfaced() {
    let server = TestServer::start(vec![Reply::Json {
        status: 400,
        body: error_body("TooManyRequestsException", "Rate exceeded"),
    }]);
    let mut req: Value = serde_json::from_slice(&initiate(&server.url)).unwrap();
    req["client"]["maxAttempts"] = json!(2);
    let err = call(&request_bytes(&req)).unwrap_err();
    assert_eq!(err.code, "TooManyRequestsException");
    assert_eq!(server.requests.lock().unwrap().len(), 2);
}

#[test]
fn a_malformed_response_body_is_a_clear_error() {
    let server = TestServer::start(vec![Reply::Json { status: 200, body: "{not json".into() }]);
    let err = call(&initiate(&server.url)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidResponse);
    assert!(err.message.contains(&server.url), "{}", err.message);
}

#[test]
fn a_refused_connection_names_the_endpoint() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let err = call(&initiate(&url)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Transport);
    assert!(err.message.contains(&url), "{}", err.message);
}

#[test]
fn a_silent_server_hits_the_operation_timeout() {
    let server = TestServer::start(vec![Reply::Silence(Duration::from_secs(30))]);
    let mut req: Value = serde_json::from_slice(&initiate(&server.url)).unwrap();
    req["client"]["timeoutMs"] = json!(300);
    let started = Instant::now();
    let err = call(&request_bytes(&req)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn cancelling_ends_an_unanswered_call_promptly() {
    let server = TestServer::start(vec![Reply::Silence(Duration::from_secs(30))]);
    let token = CancellationToken::new();
    let canceller = token.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        canceller.cancel();
    });
    let started = Instant::now();
    let err = call_blocking(&initiate(&server.url), Some(&token)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled);
    assert!(started.elapsed() < Duration::from_millis(200 + 100 + 200), "{:?}", started.elapsed());
}

#[test]
fn bad_envelopes_are_refused_before_any_network_use() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"{".to_vec(), "not valid"),
        (br#"{"operation":"DeleteUserPool"}"#.to_vec(), "Unknown operation"),
        (br#"{"operation":"AdminInitiateAuth","input":{"Bogus":1}}"#.to_vec(), "unknown field"),
        (vec![b' '; MAX_REQUEST_BYTES + 1], "limit"),
        (br#"{"operation":"AdminInitiateAuth","client":{}}"#.to_vec(), "No region specified"),
    ];
    for (bytes, expected) in cases {
        let err = call(&bytes).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidRequest);
        assert!(err.message.contains(expected), "{expected}: {}", err.message);
    }
}

#[test]
fn type_errors_do_not_quote_the_offending_value() {
    let req = br#"{"operation":"AdminInitiateAuth","input":{"AuthParameters":{"PASSWORD":["hunter2-secret"]}}}"#;
    let err = call(req).unwrap_err();
    assert!(!err.message.contains("hunter2"), "{}", err.message);
}

#[test]
fn concurrent_calls_each_get_their_own_response() {
    let server = TestServer::start(vec![Reply::EchoSession]);
    let threads: Vec<_> = (0..16)
        .map(|t| {
            let url = server.url.clone();
            std::thread::spawn(move || {
                for i in 0..500 {
                    let id = format!("session-{t}-{i}-padding-to-twenty");
                    let req = request(&url, "AdminInitiateAuth", json!({"ClientMetadata": {"id": id}}));
                    let out = call(&req).unwrap();
                    assert_eq!(out["Session"], json!(id));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(server.requests.lock().unwrap().len(), 16 * 500);
}

#[test]
fn without_credentials_nothing_is_sent_and_the_error_says_what_was_tried() {
    let server = TestServer::start(vec![Reply::Json { status: 200, body: ok_body() }]);
    let mut req: Value = serde_json::from_slice(&initiate(&server.url)).unwrap();
    req["client"]["credentials"] = Value::Null;
    req["client"]["environment"] = json!({"AWS_EC2_METADATA_DISABLED": "true", "HOME": "/nonexistent/cgip-home"});
    let err = call(&request_bytes(&req)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Credentials, "{}", err.message);
    assert!(err.message.contains("container"), "{}", err.message);
    assert_eq!(server.requests.lock().unwrap().len(), 0);
}

#[test]
fn resolving_fallback_credentials_needs_no_region_and_reports_what_was_tried() {
    let req = br#"{"operation":"ResolveConnection","client":{"environment":{"AWS_EC2_METADATA_DISABLED":"true","HOME":"/nonexistent/cgip-home"}}}"#;
    let err = call(req).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Credentials);
    assert!(err.message.contains("container"), "{}", err.message);
}

/// A proxy that answers 400 and quotes the request body in the error's message: the error still names the
/// code, status and request id, and holds none of the secrets sent, the computed ones (SECRET_HASH, SRP_A)
/// included, though the body quoted had them all.
#[test]
fn a_proxy_quoting_the_request_in_its_message_shows_no_secret() {
    let password = r#"pä"ss\w/rd é+&€1"#;
    let client_secret = "client-secret-value-1";
    for flow in ["ADMIN_USER_PASSWORD_AUTH", "USER_SRP_AUTH"] {
        let server = TestServer::start(vec![Reply::EchoInMessage]);
        let mut req: Value = serde_json::from_slice(&request(
            &server.url,
            "AdminInitiateAuth",
            json!({"UserPoolId": "us-east-1_abc", "ClientId": "client1", "AuthFlow": flow,
                   "AuthParameters": {"USERNAME": "alice", "PASSWORD": password}}),
        ))
        .unwrap();
        req["clientSecret"] = client_secret.into();
        let err = call(&request_bytes(&req)).unwrap_err();
        let sent: Value = serde_json::from_str(&server.requests.lock().unwrap()[0].body).unwrap();
        let params = &sent["AuthParameters"];
        let secret_hash = crate::auth::secret_hash(client_secret, "alice", "client1");
        assert_eq!(params["SECRET_HASH"], secret_hash.as_str(), "{flow}: the quoted body had the hash");
        let mut secrets = vec![password.to_owned(), secret_hash, client_secret.to_owned()];
        secrets.extend(params["SRP_A"].as_str().map(str::to_owned));
        let json = String::from_utf8(err.to_json()).unwrap();
        // As sent, the password is JSON-escaped: both spellings must be gone.
        secrets.push(serde_json::to_string(password).unwrap().trim_matches('"').to_owned());
        for secret in &secrets {
            assert!(!err.message.contains(secret.as_str()) && !json.contains(secret.as_str()), "{flow}: {secret} leaked into {}", err.message);
        }
        assert!(err.message.starts_with("bad request: {") && err.message.contains(r#""USERNAME":"alice""#), "{flow}: {}", err.message);
        assert!(err.message.contains(crate::scrub::MARKER), "{flow}: {}", err.message);
        assert_eq!((err.kind, err.code.as_str(), err.status_code, err.request_id.as_deref()), (ErrorKind::Service, "InvalidParameterException", Some(400), Some("req-400")), "{flow}");
    }
}

/// The new operations' requests as the SDK sends them (target, members) and their answers in AWS's names.
#[test]
fn journey_operations_send_their_targets_and_read_their_answers() {
    let cases = [
        ("AssociateSoftwareToken", json!({"Session": "s".repeat(30)}), r#"{"SecretCode":"JBSWY3DPEHPK3PXP","Session":"next"}"#, "SecretCode"),
        ("VerifySoftwareToken", json!({"Session": "s".repeat(30), "UserCode": "123456"}), r#"{"Status":"SUCCESS","Session":"next"}"#, "Status"),
        ("GetTokensFromRefreshToken", json!({"RefreshToken": "r".repeat(30), "ClientId": "c", "ClientSecret": "cs"}), &ok_body(), "AuthenticationResult"),
        ("RevokeToken", json!({"Token": "r".repeat(30), "ClientId": "c"}), "{}", "HttpStatusCode"),
        ("AdminUserGlobalSignOut", json!({"UserPoolId": "p_1", "Username": "alice"}), "{}", "HttpStatusCode"),
    ];
    for (operation, input, reply, member) in cases {
        let server = TestServer::start(vec![Reply::Json { status: 200, body: reply.to_owned() }]);
        let out = call(&request(&server.url, operation, input.clone())).unwrap();
        assert!(!out[member].is_null(), "{operation}: {out}");
        let seen = server.requests.lock().unwrap();
        assert_eq!(seen[0].target, format!("AWSCognitoIdentityProviderService.{operation}"));
        assert_eq!(serde_json::from_str::<Value>(&seen[0].body).unwrap(), input, "{operation} sends the members given, as given");
    }
}

/// A stored TOTP secret answers SOFTWARE_TOKEN_MFA and VerifySoftwareToken with the current code, and
/// SELECT_MFA_TYPE with SOFTWARE_TOKEN_MFA; the secret itself is never sent.
#[test]
fn a_totp_secret_becomes_the_current_code_and_is_not_sent() {
    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    let with_secret = |url: &str, operation: &str, input: Value| {
        request_bytes(&json!({"operation": operation, "client": test_client_json(url), "input": input, "totpSecret": SECRET}))
    };
    let cases = [
        ("AdminRespondToAuthChallenge", json!({"ChallengeName": "SOFTWARE_TOKEN_MFA", "ChallengeResponses": {"USERNAME": "u"}})),
        ("AdminRespondToAuthChallenge", json!({"ChallengeName": "SELECT_MFA_TYPE", "ChallengeResponses": {"USERNAME": "u"}})),
        ("VerifySoftwareToken", json!({"Session": "s".repeat(30)})),
    ];
    for (operation, input) in cases {
        let server = TestServer::start(vec![Reply::Json { status: 200, body: "{}".into() }]);
        let before = crate::auth::totp_code_now(SECRET).unwrap();
        call(&with_secret(&server.url, operation, input)).unwrap();
        let after = crate::auth::totp_code_now(SECRET).unwrap();
        let body = server.requests.lock().unwrap()[0].body.clone();
        assert!(!body.contains(SECRET), "{body}");
        let sent: Value = serde_json::from_str(&body).unwrap();
        let code = if operation == "VerifySoftwareToken" {
            sent["UserCode"].clone()
        } else if sent["ChallengeName"] == "SELECT_MFA_TYPE" {
            assert_eq!(sent["ChallengeResponses"]["ANSWER"], "SOFTWARE_TOKEN_MFA");
            continue;
        } else {
            sent["ChallengeResponses"]["SOFTWARE_TOKEN_MFA_CODE"].clone()
        };
        assert!(code == before.as_str() || code == after.as_str(), "{operation}: {code}");
    }
}

/// A code the caller gave wins over the stored secret; an unusable secret is refused before anything is sent.
#[test]
fn a_given_code_wins_and_a_bad_secret_is_refused_locally() {
    let server = TestServer::start(vec![Reply::Json { status: 200, body: "{}".into() }]);
    let req = request_bytes(&json!({"operation": "VerifySoftwareToken", "client": test_client_json(&server.url),
        "input": {"Session": "s".repeat(30), "UserCode": "000000"}, "totpSecret": "JBSWY3DPEHPK3PXP"}));
    call(&req).unwrap();
    let sent: Value = serde_json::from_str(&server.requests.lock().unwrap()[0].body).unwrap();
    assert_eq!(sent["UserCode"], "000000");
    let req = request_bytes(&json!({"operation": "AdminRespondToAuthChallenge", "client": test_client_json(&server.url),
        "input": {"ChallengeName": "SOFTWARE_TOKEN_MFA", "ChallengeResponses": {"USERNAME": "u"}}, "totpSecret": "not base32 !!"}));
    let err = call(&req).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidRequest);
    assert!(!err.message.contains("not base32 !!"), "{}", err.message);
    assert_eq!(server.requests.lock().unwrap().len(), 1, "nothing sent for the refused request");
}

/// The refresh token, the token being revoked and the client secret of the new operations are scrubbed
/// from an error that quotes the request.
#[test]
fn journey_secrets_are_scrubbed_from_errors_quoting_them() {
    let (refresh, client_secret) = ("RT-SENTINEL-0123456789abcdef", "CS-SENTINEL-0123456789abcdef");
    for (operation, input) in [
        ("GetTokensFromRefreshToken", json!({"RefreshToken": refresh, "ClientId": "c", "ClientSecret": client_secret})),
        ("RevokeToken", json!({"Token": refresh, "ClientId": "c", "ClientSecret": client_secret})),
    ] {
        let quoted = format!("bad request {refresh} {client_secret}");
        let server = TestServer::start(vec![Reply::Json { status: 400, body: error_body("NotAuthorizedException", &quoted) }]);
        let err = call(&request(&server.url, operation, input)).unwrap_err();
        assert_eq!(err.code, "NotAuthorizedException");
        assert!(!err.message.contains(refresh) && !err.message.contains(client_secret), "{operation}: {}", err.message);
    }
}
