//! The one error type that crosses the C ABI, serialised as JSON for the C# layer.
//!
//! `code` is the AWS error code when the service answered (`NotAuthorizedException`), otherwise one of the
//! local codes below, so that the C# side can map every failure to a typed exception without parsing text.

use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::operation::RequestId;
use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use serde::{Serialize, Serializer};

use crate::response_shape;

named_enum! {
    /// Where a failure came from; the C# layer picks the exception family and error category from it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ErrorKind {
        /// The service answered with an error (`code` is its error code).
        Service => "service",
        /// No connection could be made or it broke (refused, DNS, TLS, reset).
        Transport => "transport",
        /// A connect, read or operation timeout elapsed.
        Timeout => "timeout",
        /// The caller cancelled (Ctrl+C, Stop-Job).
        Cancelled => "cancelled",
        /// The request envelope itself was unusable (bad JSON, unknown operation, oversized, bad UTF-8).
        InvalidRequest => "invalid_request",
        /// The service answered with something that is not a valid response.
        InvalidResponse => "invalid_response",
        /// Credentials could not be obtained.
        Credentials => "credentials",
        /// A token failed a check of its verification (signature, expiry, issuer, audience...): `code` names the
        /// check (`JwtExpired`, `JwtInvalidSignature`, see [`crate::verify`]). The token is not trusted.
        Verification => "verification",
        /// A bug inside the native library (a caught panic).
        Internal => "internal",
    }
}

/// By its name, which the C# layer matches (`NativeNames.ErrorKind`, generated from the same list).
impl Serialize for ErrorKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The local codes the C# layer tells apart (generated into `NativeNames.ErrorCode` by tests/bindings.rs):
/// AWS.Tools has its own exact texts for these two cases.
pub const REGION_NOT_SPECIFIED: &str = "RegionNotSpecified";
pub const CREDENTIALS_NOT_FOUND: &str = "CredentialsNotFound";

contract! {
    /// A failed call's answer (status 1): the module picks the exception by kind and code.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    pub struct NativeError (out, "camelCase") {
        pub kind: ErrorKind,
        pub code: String,
        pub message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub status_code: Option<u16>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub request_id: Option<String>,
    }
}

impl crate::contract::Field for ErrorKind {
    const TY: fn() -> crate::contract::Ty = || crate::contract::Ty::Str;
}

/// How [`NativeError::no_credentials`] starts: `credentials::explain` takes it off when a profile failed instead.
pub const NO_CREDENTIALS_PREFIX: &str = "The container and instance-metadata credential providers gave none either: ";

impl NativeError {
    pub fn new(kind: ErrorKind, code: &str, message: impl Into<String>) -> Self {
        NativeError { kind, code: code.to_owned(), message: message.into(), status_code: None, request_id: None }
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidRequest, "InvalidRequest", message)
    }

    pub fn cancelled() -> Self {
        Self::new(ErrorKind::Cancelled, "OperationCanceled", "The operation was canceled.")
    }

    /// The last steps of the chain (container, instance metadata) gave nothing; `detail` says why.
    pub fn no_credentials(detail: &str) -> Self {
        Self::new(ErrorKind::Credentials, CREDENTIALS_NOT_FOUND, format!("{NO_CREDENTIALS_PREFIX}{detail}."))
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, "InternalError", message)
    }

    /// Converts an SDK failure without its Debug form (`DisplayErrorContext` appends one, and for a response
    /// error it holds the raw body: tokens). Messages are built from error Display texts, which carry no
    /// request or response bodies, and from [`response_shape::describe`]; `endpoint` names where we went.
    pub fn from_sdk<E>(err: SdkError<E, HttpResponse>, endpoint: &str) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let request_id = err.request_id().map(str::to_owned);
        let status_code = err.raw_response().map(|r| r.status().as_u16());
        match &err {
            SdkError::ServiceError(service) => {
                let inner = service.err();
                let code = inner.code().unwrap_or("UnknownError").to_owned();
                let message = inner.message().map(str::to_owned).unwrap_or_else(|| code.clone());
                NativeError { kind: ErrorKind::Service, code, message, status_code, request_id }
            }
            SdkError::TimeoutError(_) => Self::new(
                ErrorKind::Timeout,
                "RequestTimeout",
                format!("The request to {endpoint} timed out."),
            ),
            SdkError::DispatchFailure(dispatch) => {
                if let Some(detail) = credentials_failure(&err) {
                    return Self::no_credentials(&detail);
                }
                let (kind, code) = if dispatch.is_timeout() {
                    (ErrorKind::Timeout, "RequestTimeout")
                } else {
                    (ErrorKind::Transport, "ConnectionFailure")
                };
                Self::new(kind, code, format!("Could not reach the service endpoint {endpoint}: {}.", error_chain(&err)))
            }
            SdkError::ResponseError(response) => {
                let raw = response.raw();
                let status = raw.status().as_u16();
                let id = request_id.as_deref().unwrap_or("none");
                let detail = match raw.body().bytes() {
                    Some(body) => response_shape::describe(body),
                    // The SDK keeps no body when reading it failed; the cause's text holds none either.
                    None => format!("the connection broke while its body was being read ({})", std::error::Error::source(&err).map(error_chain).unwrap_or_default()),
                };
                NativeError {
                    kind: ErrorKind::InvalidResponse,
                    code: "InvalidResponse".to_owned(),
                    message: format!(
                        "The service at {endpoint} sent a response that could not be read (HTTP {status}, request id {id}): {detail}."
                    ),
                    status_code: Some(status),
                    request_id,
                }
            }
            SdkError::ConstructionFailure(_) => {
                let text = error_chain(&err);
                let (kind, code) = if text.contains("credentials") || text.contains("identity") {
                    (ErrorKind::Credentials, CREDENTIALS_NOT_FOUND)
                } else {
                    (ErrorKind::InvalidRequest, "InvalidRequest")
                };
                Self::new(kind, code, format!("The request could not be built: {text}."))
            }
            _ => Self::new(ErrorKind::Internal, "InternalError", format!("The call to {endpoint} failed: {}.", error_chain(&err))),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        crate::exact::to_vec(self)
    }
}

/// An error and its causes as one readable line, from their Display texts only (a Debug form may dump
/// a raw response).
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        let part = e.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = e.source();
    }
    text
}

/// What is wrong with some JSON, without serde's quotes of the offending value ("invalid type: string
/// \"hunter2\"", "unknown variant `...`"), which may be a secret. Member names are kept: they say what to fix.
pub fn json_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let place = if e.line() > 0 { format!(" (line {}, column {})", e.line(), e.column()) } else { String::new() };
    match e.classify() {
        Category::Data => {
            let text = e.to_string();
            let names_a_member = ["missing field", "unknown field", "duplicate field"].iter().any(|p| text.starts_with(p));
            if names_a_member { text } else { format!("a member has the wrong type or value{place}") }
        }
        Category::Eof => format!("the JSON ends early{place}"),
        Category::Syntax => format!("it is not valid JSON{place}"),
        Category::Io => "it could not be read".to_owned(),
    }
}

/// Why the credential providers gave nothing, when that is what failed the request.
fn credentials_failure(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut source = err.source();
    while let Some(e) = source {
        if let Some(c) = e.downcast_ref::<CredentialsError>() {
            return Some(error_chain(c));
        }
        source = e.source();
    }
    None
}

impl std::fmt::Display for NativeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for NativeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_camel_case_names_and_omits_absent_fields() {
        let json = String::from_utf8(NativeError::invalid_request("bad").to_json()).unwrap();
        assert_eq!(json, r#"{"kind":"invalid_request","code":"InvalidRequest","message":"bad"}"#);
    }

    #[test]
    fn every_kind_serialises_as_its_name_and_names_are_distinct() {
        for kind in ErrorKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name(), "{kind:?}");
        }
        let names: std::collections::BTreeSet<_> = ErrorKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        assert_eq!(ErrorKind::InvalidRequest.name(), "invalid_request");
    }

    #[test]
    fn cancelled_error_has_its_own_kind() {
        let e = NativeError::cancelled();
        assert_eq!(e.kind, ErrorKind::Cancelled);
        assert_eq!(e.code, "OperationCanceled");
    }

    /// Each failure carries distinct secrets in the request and in what the server sends back; none of them
    /// may reach the error, which must still say what went wrong.
    mod sdk_failures {
        use super::*;
        use crate::client::test_client_json;
        use crate::ops::call_blocking;
        use crate::testserver::{Reply, TestServer};

        const PASSWORD: &str = "SENTINEL-PW-1d9e";
        const SECRET_KEY: &str = "SENTINEL-AWSKEY-5c2b";
        const ACCESS: &str = "SENTINEL-AT-88aa";
        const REFRESH: &str = "SENTINEL-RT-03f1";

        fn tokens_body() -> String {
            format!(r#"{{"AuthenticationResult":{{"AccessToken":"{ACCESS}","ExpiresIn":"3600","TokenType":"Bearer","RefreshToken":"{REFRESH}","IdToken":"{ACCESS}"}},"ChallengeParameters":{{}}}}"#)
        }

        fn fail(url: &str) -> NativeError {
            let mut client = test_client_json(url);
            client["credentials"]["secretAccessKey"] = SECRET_KEY.into();
            let request = serde_json::json!({"operation": "AdminInitiateAuth", "client": client, "input": {
                "UserPoolId": "us-east-1_abc", "ClientId": "c", "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": "alice", "PASSWORD": PASSWORD}}});
            let err = call_blocking(&crate::envelope::request_bytes(&request), None).unwrap_err();
            let json = String::from_utf8(err.to_json()).unwrap();
            for secret in [PASSWORD, SECRET_KEY, ACCESS, REFRESH] {
                assert!(!json.contains(secret), "{secret} leaked into {json}");
            }
            err
        }

        fn serve(reply: Reply) -> TestServer {
            TestServer::start(vec![reply])
        }

        #[test]
        fn a_wrongly_typed_member_names_member_status_and_request_id() {
            let server = serve(Reply::Json { status: 200, body: tokens_body() });
            let err = fail(&server.url);
            assert_eq!((err.kind, err.status_code, err.request_id.as_deref()), (ErrorKind::InvalidResponse, Some(200), Some("req-200")));
            assert_eq!(err.message, format!("The service at {} sent a response that could not be read (HTTP 200, request id req-200): member AuthenticationResult.ExpiresIn should be a 32-bit integer but is a string.", server.url));
        }

        #[test]
        fn a_body_cut_short_by_a_proxy_says_so() {
            let body = tokens_body().replace(r#""3600""#, "3600");
            let cut = body[..body.len() / 2].to_owned();
            let server = serve(Reply::Json { status: 200, body: cut.clone() });
            let err = fail(&server.url);
            assert_eq!(err.kind, ErrorKind::InvalidResponse);
            assert!(err.message.ends_with(&format!("its body stops after {} bytes, in the middle of the JSON document (cut short).", cut.len())), "{}", err.message);
        }

        #[test]
        fn a_connection_closed_mid_body_is_a_failure_without_the_part_received() {
            let body = tokens_body();
            let server = serve(Reply::Cut { status: 200, body: body[..80].to_owned(), declared_len: body.len() });
            let err = fail(&server.url);
            assert_eq!(err.kind, ErrorKind::InvalidResponse);
            let expected = format!("The service at {} sent a response that could not be read (HTTP 200, request id req-cut): the connection broke while its body was being read (", server.url);
            assert!(err.message.starts_with(&expected), "{}", err.message);
        }

        #[test]
        fn a_non_json_200_is_described_by_position_only() {
            let server = serve(Reply::Json { status: 200, body: format!("<html>{ACCESS}</html>") });
            let err = fail(&server.url);
            assert!(err.message.ends_with("its body is not JSON (syntax error at line 1, column 1)."), "{}", err.message);
        }

        #[test]
        fn a_server_error_echoing_the_request_keeps_only_code_and_message() {
            let echo = format!(r#"{{"__type":"InternalErrorException","message":"Internal error","request":{{"PASSWORD":"{PASSWORD}","AccessToken":"{ACCESS}"}}}}"#);
            let server = serve(Reply::Json { status: 500, body: echo });
            let err = fail(&server.url);
            assert_eq!((err.kind, err.code.as_str(), err.message.as_str(), err.status_code), (ErrorKind::Service, "InternalErrorException", "Internal error", Some(500)));
        }

        #[test]
        fn a_refused_connection_names_the_endpoint_and_the_cause() {
            let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
            let url = format!("http://127.0.0.1:{port}");
            let err = fail(&url);
            assert_eq!(err.kind, ErrorKind::Transport);
            assert!(err.message.starts_with(&format!("Could not reach the service endpoint {url}: ")), "{}", err.message);
            assert!(!err.message.contains("DispatchFailure {"), "a Debug form: {}", err.message);
        }

        #[test]
        fn bad_envelopes_name_the_problem_not_the_secret() {
            for envelope in [
                format!(r#"{{"operation":"AdminInitiateAuth","clientSecret":["{PASSWORD}"]}}"#),
                format!(r#"{{"operation":"AdminInitiateAuth","input":{{"AuthParameters":{{"PASSWORD":["{PASSWORD}"]}}}}}}"#),
                format!(r#"{{"operation":"AdminInitiateAuth","device":{{"groupKey":"g","password":7}},"clientSecret":"{PASSWORD}"}}"#),
                format!(r#"{{"operation":"AdminInitiateAuth","clientSecret":"{PASSWORD}""#),
                format!(r#"{{"operation":"SrpClaim","input":{{"Password":"{PASSWORD}","Handle":["{PASSWORD}"]}}}}"#),
            ] {
                let err = call_blocking(envelope.as_bytes(), None).unwrap_err();
                assert_eq!(err.kind, ErrorKind::InvalidRequest, "{envelope}");
                assert!(!String::from_utf8(err.to_json()).unwrap().contains(PASSWORD), "{}", err.message);
            }
        }

        #[test]
        fn json_problems_never_quote_the_value() {
            #[derive(Debug, serde::Deserialize)]
            #[allow(dead_code)]
            struct Input { password: String, mode: Mode }
            #[derive(Debug, serde::Deserialize)]
            enum Mode { A }
            let wrong_type = serde_json::from_str::<Input>(&format!(r#"{{"password":["{PASSWORD}"],"mode":"A"}}"#)).unwrap_err();
            assert_eq!(json_problem(&wrong_type), "a member has the wrong type or value (line 1, column 12)");
            let unknown_variant = serde_json::from_str::<Input>(&format!(r#"{{"password":"x","mode":"{PASSWORD}"}}"#)).unwrap_err();
            assert!(!json_problem(&unknown_variant).contains(PASSWORD));
            let missing = serde_json::from_str::<Input>(r#"{"mode":"A"}"#).unwrap_err();
            assert!(json_problem(&missing).starts_with("missing field `password`"));
        }
    }
}
