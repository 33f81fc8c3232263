//! The one error type that crosses the C ABI, serialised as JSON for the C# layer.
//!
//! `code` is the AWS error code when the service answered (`NotAuthorizedException`), otherwise one of the
//! local codes below, so that the C# side can map every failure to a typed exception without parsing text.

use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::operation::RequestId;
use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use serde::Serialize;

/// Where a failure came from; the C# layer picks the exception family and error category from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The service answered with an error (`code` is its error code).
    Service,
    /// No connection could be made or it broke (refused, DNS, TLS, reset).
    Transport,
    /// A connect, read or operation timeout elapsed.
    Timeout,
    /// The caller cancelled (Ctrl+C, Stop-Job).
    Cancelled,
    /// The request envelope itself was unusable (bad JSON, unknown operation, oversized, bad UTF-8).
    InvalidRequest,
    /// The service answered with something that is not a valid response.
    InvalidResponse,
    /// Credentials could not be obtained.
    Credentials,
    /// A bug inside the native library (a caught panic).
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NativeError {
    pub kind: ErrorKind,
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

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
        Self::new(
            ErrorKind::Credentials,
            "CredentialsNotFound",
            format!("The container and instance-metadata credential providers gave none either: {detail}."),
        )
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, "InternalError", message)
    }

    /// Converts an SDK failure. Messages come from the SDK's error context, which never includes request
    /// bodies, so passwords and tokens cannot leak through here; `endpoint` names where we tried to go.
    pub fn from_sdk<E>(err: SdkError<E, HttpResponse>, endpoint: &str) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let request_id = err.request_id().map(str::to_owned);
        match &err {
            SdkError::ServiceError(service) => {
                let status = Some(service.raw().status().as_u16());
                let inner = service.err();
                let code = inner.code().unwrap_or("UnknownError").to_owned();
                let message = inner.message().map(str::to_owned).unwrap_or_else(|| code.clone());
                NativeError { kind: ErrorKind::Service, code, message, status_code: status, request_id }
            }
            SdkError::TimeoutError(_) => Self::new(
                ErrorKind::Timeout,
                "RequestTimeout",
                format!("The request to {endpoint} timed out."),
            ),
            SdkError::DispatchFailure(_) if credentials_failure(&err).is_some() => {
                Self::no_credentials(&credentials_failure(&err).unwrap_or_default())
            }
            SdkError::DispatchFailure(dispatch) => {
                let (kind, code) = if dispatch.is_timeout() {
                    (ErrorKind::Timeout, "RequestTimeout")
                } else {
                    (ErrorKind::Transport, "ConnectionFailure")
                };
                Self::new(
                    kind,
                    code,
                    format!("Could not reach the service endpoint {endpoint}: {}", DisplayErrorContext(&err)),
                )
            }
            SdkError::ResponseError(_) => NativeError {
                kind: ErrorKind::InvalidResponse,
                code: "InvalidResponse".to_owned(),
                message: format!("The service at {endpoint} sent a response that could not be read: {}", DisplayErrorContext(&err)),
                status_code: None,
                request_id,
            },
            SdkError::ConstructionFailure(_) => {
                let text = DisplayErrorContext(&err).to_string();
                let (kind, code) = if text.contains("credentials") || text.contains("identity") {
                    (ErrorKind::Credentials, "CredentialsNotFound")
                } else {
                    (ErrorKind::InvalidRequest, "InvalidRequest")
                };
                Self::new(kind, code, format!("The request could not be built: {text}"))
            }
            _ => Self::new(ErrorKind::Internal, "InternalError", DisplayErrorContext(&err).to_string()),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        // Serialising a struct of strings and numbers cannot fail.
        serde_json::to_vec(self).expect("NativeError serialises")
    }
}

/// An error and its causes as one readable line (DisplayErrorContext adds a Debug dump users need not see).
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
    fn cancelled_error_has_its_own_kind() {
        let e = NativeError::cancelled();
        assert_eq!(e.kind, ErrorKind::Cancelled);
        assert_eq!(e.code, "OperationCanceled");
    }
}
