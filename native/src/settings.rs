//! What the caller says about the client: region, endpoint, credentials, timeouts and retries.
//! The C# layer walks AWS.Tools' order through the steps it can see (parameters, shell variables,
//! environment keys) and names the profile or the chain's tail for the rest (see [`crate::credentials`]).

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::Duration;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::credentials::Source;
use crate::environment::ScriptEnvironment;
use crate::error::NativeError;

/// Used when the caller does not say otherwise: nothing may wait forever, and a dead endpoint must be
/// reported quickly enough for an interactive shell.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The AWS SDK for .NET's default HttpClient timeout, which AWS.Tools users are used to.
pub const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(100);
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
const MAX_ATTEMPTS_LIMIT: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RetryMode {
    /// The .NET SDK's "Legacy" mode has no Rust counterpart; it is treated as standard.
    #[serde(alias = "legacy")]
    #[default]
    Standard,
    Adaptive,
}

contract! {
    /// Keys the module found (-AccessKey/-SecretKey/-SessionToken, $StoredAWSCredentials, the environment).
    #[derive(Deserialize, Clone, Zeroize, ZeroizeOnDrop)]
    #[serde(deny_unknown_fields)]
    pub struct StaticCredentials (in, "camelCase") {
        pub access_key_id: String,
        pub secret_access_key: String,
        #[serde(default)]
        pub session_token: Option<String>,
    }
}

impl std::fmt::Debug for StaticCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticCredentials").field("access_key_id", &self.access_key_id).finish_non_exhaustive()
    }
}

contract! {
/// The "client" member of a request: what the library needs to build its client.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSettings (in, "camelCase") {
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    /// Keys found by the C# layer. With neither these nor `credentialsProfile`: the chain's tail.
    pub credentials: Option<StaticCredentials>,
    /// The profile the credentials come from (-ProfileName, AWS_PROFILE, or a default profile).
    pub credentials_profile: Option<String>,
    /// The profile whose region is looked up first (-ProfileName; 'default' when absent).
    pub region_profile: Option<String>,
    /// -ProfileLocation: the only file searched, as a credentials file.
    pub profile_location: Option<String>,
    /// Set by `ResolveConnection`; cached clients end when the profile files change.
    pub profile_stamp: Option<String>,
    pub connect_timeout_ms: Option<u64>,
    /// Whole-operation limit (AWS.Tools `Timeout`).
    pub timeout_ms: Option<u64>,
    /// Per-read limit (AWS.Tools `ReadWriteTimeout`).
    pub read_write_timeout_ms: Option<u64>,
    pub max_attempts: Option<u32>,
    pub retry_mode: Option<RetryMode>,
    /// The script's environment (see [`crate::environment`]).
    #[serde(default)]
    pub environment: ScriptEnvironment,
}
}

impl crate::contract::Field for RetryMode {
    const TY: fn() -> crate::contract::Ty = || crate::contract::Ty::Str;
}

/// The identity of a configured client: two requests with equal keys can share one client and its
/// connection pool. Secrets enter only as a digest so the cache holds no second copy of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientKey {
    region: String,
    endpoint_url: Option<String>,
    access_key_id: Option<String>,
    secret_digest: Option<[u8; 32]>,
    connect_timeout: Duration,
    operation_timeout: Duration,
    read_timeout: Option<Duration>,
    max_attempts: u32,
    retry_mode: RetryMode,
    credentials_profile: Option<String>,
    profile_location: Option<String>,
    profile_stamp: Option<String>,
    environment_digest: [u8; 32],
}

/// AWS.Tools' exact text for the case where no step named a region.
pub fn no_region() -> NativeError {
    NativeError::new(
        crate::error::ErrorKind::InvalidRequest,
        crate::error::REGION_NOT_SPECIFIED,
        "No region specified or obtained from persisted/shell defaults.",
    )
}

impl ClientSettings {
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_deref().map(str::trim).filter(|r| !r.is_empty())
    }

    pub fn region(&self) -> Result<&str, NativeError> {
        self.region_name().ok_or_else(no_region)
    }

    pub fn profile_location(&self) -> Option<&str> {
        self.profile_location.as_deref().filter(|p| !p.trim().is_empty())
    }

    pub fn credential_source(&self) -> Source<'_> {
        match (&self.credentials, self.credentials_profile.as_deref()) {
            (Some(keys), _) => Source::Static(keys),
            (None, Some(name)) if !name.is_empty() => Source::Profile(name),
            _ => Source::Tail,
        }
    }

    pub fn endpoint_url(&self) -> Result<Option<&str>, NativeError> {
        match self.endpoint_url.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => Ok(Some(url)),
            Some(url) => Err(NativeError::invalid_request(format!(
                "EndpointUrl '{url}' is not an absolute http:// or https:// URL."
            ))),
        }
    }

    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout_ms.map(Duration::from_millis).unwrap_or(DEFAULT_CONNECT_TIMEOUT)
    }

    pub fn operation_timeout(&self) -> Duration {
        self.timeout_ms.map(Duration::from_millis).unwrap_or(DEFAULT_OPERATION_TIMEOUT)
    }

    pub fn read_timeout(&self) -> Option<Duration> {
        self.read_write_timeout_ms.map(Duration::from_millis)
    }

    pub fn max_attempts(&self) -> Result<u32, NativeError> {
        match self.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS) {
            n @ 1..=MAX_ATTEMPTS_LIMIT => Ok(n),
            n => Err(NativeError::invalid_request(format!(
                "maxAttempts must be between 1 and {MAX_ATTEMPTS_LIMIT}, got {n}."
            ))),
        }
    }

    /// Where requests go, for messages: the endpoint URL, or the region's name.
    pub fn describe_target(&self) -> String {
        match (self.endpoint_url.as_deref(), self.region.as_deref()) {
            (Some(url), _) if !url.trim().is_empty() => url.trim().to_owned(),
            (_, Some(region)) => format!("in region {region}"),
            _ => "an undetermined endpoint".to_owned(),
        }
    }

    pub fn key(&self) -> Result<ClientKey, NativeError> {
        let secret_digest = self.credentials.as_ref().map(|c| {
            let mut h = Sha256::new();
            h.update(c.secret_access_key.as_bytes());
            h.update([0u8]);
            h.update(c.session_token.as_deref().unwrap_or("").as_bytes());
            h.finalize().into()
        });
        Ok(ClientKey {
            region: self.region()?.to_owned(),
            endpoint_url: self.endpoint_url()?.map(str::to_owned),
            access_key_id: self.credentials.as_ref().map(|c| c.access_key_id.clone()),
            secret_digest,
            connect_timeout: self.connect_timeout(),
            operation_timeout: self.operation_timeout(),
            read_timeout: self.read_timeout(),
            max_attempts: self.max_attempts()?,
            retry_mode: self.retry_mode.unwrap_or_default(),
            credentials_profile: self.credentials_profile.clone(),
            profile_location: self.profile_location.clone(),
            profile_stamp: self.profile_stamp.clone(),
            environment_digest: self.environment.digest(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(json: &str) -> ClientSettings {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn missing_or_blank_region_gives_the_aws_tools_text() {
        for json in [r#"{}"#, r#"{"region":"  "}"#] {
            let err = settings(json).region().unwrap_err();
            assert_eq!(err.message, "No region specified or obtained from persisted/shell defaults.");
        }
    }

    #[test]
    fn endpoint_must_be_an_http_url() {
        assert!(settings(r#"{"endpointUrl":"localhost:5000"}"#).endpoint_url().is_err());
        assert_eq!(settings(r#"{"endpointUrl":" http://127.0.0.1:5 "}"#).endpoint_url().unwrap(), Some("http://127.0.0.1:5"));
        assert_eq!(settings(r#"{"endpointUrl":""}"#).endpoint_url().unwrap(), None);
    }

    #[test]
    fn keys_differ_by_secret_but_do_not_hold_it() {
        let a = settings(r#"{"region":"r","credentials":{"accessKeyId":"AK","secretAccessKey":"s1"}}"#);
        let b = settings(r#"{"region":"r","credentials":{"accessKeyId":"AK","secretAccessKey":"s2"}}"#);
        assert_ne!(a.key().unwrap(), b.key().unwrap());
        assert_eq!(a.key().unwrap(), a.clone().key().unwrap());
        assert!(!format!("{:?}", a.key().unwrap()).contains("s1"));
        assert!(!format!("{:?}", a).contains("s1"));
    }

    #[test]
    fn attempts_are_bounded() {
        assert!(settings(r#"{"maxAttempts":0}"#).max_attempts().is_err());
        assert!(settings(r#"{"maxAttempts":21}"#).max_attempts().is_err());
        assert_eq!(settings(r#"{}"#).max_attempts().unwrap(), DEFAULT_MAX_ATTEMPTS);
    }

    #[test]
    fn unknown_settings_are_rejected() {
        assert!(serde_json::from_str::<ClientSettings>(r#"{"regoin":"x"}"#).is_err());
    }
}
