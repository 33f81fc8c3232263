//! Building Cognito clients from [`ClientSettings`] and keeping them, so that repeated calls from a
//! script reuse one connection pool instead of paying for TLS and credential set-up each time.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::{ecs::EcsCredentialsProvider, imds, BehaviorVersion};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_sdk_cognitoidentityprovider::Client;
use once_cell::sync::Lazy;

use crate::error::{error_chain, NativeError};
use crate::settings::{ClientKey, ClientSettings, RetryMode};

/// More distinct configurations than this in one process is unusual (a script switching among many
/// accounts or endpoints); past it the cache starts over rather than grow without bound.
pub const CACHE_CAPACITY: usize = 32;

/// Instance metadata is the last resort and is usually absent (laptops, CI): one short attempt only.
const IMDS_TIMEOUT: Duration = Duration::from_millis(500);
const FALLBACK_CREDENTIALS_BUDGET: Duration = Duration::from_secs(3);

static CACHE: Lazy<RwLock<HashMap<ClientKey, Client>>> = Lazy::new(|| RwLock::new(HashMap::new()));

/// Returns the cached client for these settings, building it on first use.
pub fn client_for(settings: &ClientSettings) -> Result<Client, NativeError> {
    let key = settings.key()?;
    if let Some(client) = CACHE.read().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(client.clone());
    }
    let client = build(settings)?;
    let mut cache = CACHE.write().unwrap_or_else(|p| p.into_inner());
    if cache.len() >= CACHE_CAPACITY && !cache.contains_key(&key) {
        cache.clear();
    }
    Ok(cache.entry(key).or_insert(client).clone())
}

#[cfg(test)]
pub fn cached_clients() -> usize {
    CACHE.read().unwrap().len()
}

fn build(settings: &ClientSettings) -> Result<Client, NativeError> {
    let mut timeouts = TimeoutConfig::builder()
        .connect_timeout(settings.connect_timeout())
        .operation_timeout(settings.operation_timeout());
    if let Some(read) = settings.read_timeout() {
        timeouts = timeouts.read_timeout(read);
    }
    let retry = match settings.retry_mode.unwrap_or_default() {
        RetryMode::Standard => RetryConfig::standard(),
        RetryMode::Adaptive => RetryConfig::adaptive(),
    }
    .with_max_attempts(settings.max_attempts()?);

    let mut config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(settings.region()?.to_owned()))
        .timeout_config(timeouts.build())
        .retry_config(retry)
        .credentials_provider(credentials_provider(settings));
    if let Some(url) = settings.endpoint_url()? {
        config = config.endpoint_url(url);
    }
    Ok(Client::from_conf(config.build()))
}

/// Whether the tail of the chain (container, instance metadata) yields credentials, so that a missing
/// credential is reported before a missing region, as AWS.Tools orders them.
pub async fn check_fallback_credentials(settings: &ClientSettings) -> Result<(), NativeError> {
    let provider = credentials_provider(settings);
    match tokio::time::timeout(FALLBACK_CREDENTIALS_BUDGET, provider.provide_credentials()).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(NativeError::no_credentials(&error_chain(&e))),
        Err(_) => Err(NativeError::no_credentials("they did not answer in time")),
    }
}

fn credentials_provider(settings: &ClientSettings) -> SharedCredentialsProvider {
    match &settings.credentials {
        Some(c) => SharedCredentialsProvider::new(Credentials::new(
            c.access_key_id.clone(),
            c.secret_access_key.clone(),
            c.session_token.clone(),
            None,
            "CognitoAdminAuth",
        )),
        None => {
            // The tail of the AWS.Tools chain: container credentials, then EC2 instance metadata.
            let container = EcsCredentialsProvider::builder().build();
            if settings.instance_metadata_disabled {
                return SharedCredentialsProvider::new(CredentialsProviderChain::first_try("container", container));
            }
            let imds_client = imds::Client::builder()
                .max_attempts(1)
                .connect_timeout(IMDS_TIMEOUT)
                .read_timeout(IMDS_TIMEOUT)
                .build();
            let chain = CredentialsProviderChain::first_try("container", container)
                .or_else("instance profile", imds::credentials::ImdsCredentialsProvider::builder().imds_client(imds_client).build());
            SharedCredentialsProvider::new(chain)
        }
    }
}

/// The `client` member of a request envelope pointed at a loopback test server.
#[cfg(test)]
pub fn test_client_json(endpoint: &str) -> serde_json::Value {
    serde_json::json!({
        "region": "us-east-1",
        "endpointUrl": endpoint,
        "credentials": {"accessKeyId": "AKIDTEST", "secretAccessKey": "secret"},
        "connectTimeoutMs": 1000,
        "timeoutMs": 5000,
        "maxAttempts": 1
    })
}

#[cfg(test)]
pub fn test_settings(endpoint: &str) -> ClientSettings {
    serde_json::from_value(test_client_json(endpoint)).unwrap()
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_settings_share_one_client_and_the_cache_stays_bounded() {
        let _rt = crate::runtime::runtime().enter();
        let s = test_settings("http://127.0.0.1:9");
        client_for(&s).unwrap();
        let before = cached_clients();
        client_for(&s).unwrap();
        assert_eq!(cached_clients(), before);
        for port in 0..(CACHE_CAPACITY as u16 + 5) {
            client_for(&test_settings(&format!("http://127.0.0.1:{}", 10000 + port))).unwrap();
        }
        assert!(cached_clients() <= CACHE_CAPACITY);
    }
}
