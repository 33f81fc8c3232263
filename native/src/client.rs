//! Building Cognito clients from [`ClientSettings`] and keeping them, so that repeated calls from a
//! script reuse one connection pool instead of paying for TLS and credential set-up each time.

use std::collections::HashMap;
use std::sync::RwLock;

use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::config::timeout::TimeoutConfig;
use aws_sdk_cognitoidentityprovider::Client;
use once_cell::sync::Lazy;

use crate::credentials::sdk_config;
use crate::error::NativeError;
use crate::settings::{ClientKey, ClientSettings, RetryMode};

/// More distinct configurations than this in one process is unusual (a script switching among many
/// accounts or endpoints); past it the cache starts over rather than grow without bound.
pub const CACHE_CAPACITY: usize = 32;

static CACHE: Lazy<RwLock<HashMap<ClientKey, Client>>> = Lazy::new(|| RwLock::new(HashMap::new()));

/// Returns the cached client for these settings, building it on first use. A cached client keeps its
/// identity cache, so a pipeline's records share one set of assumed-role or SSO credentials, refreshed by
/// the SDK before they expire.
pub async fn client_for(settings: &ClientSettings) -> Result<Client, NativeError> {
    let key = settings.key()?;
    if let Some(client) = CACHE.read().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(client.clone());
    }
    let client = build(settings).await?;
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

async fn build(settings: &ClientSettings) -> Result<Client, NativeError> {
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

    let sdk = sdk_config(settings, settings.region()?).await?;
    let mut config = aws_sdk_cognitoidentityprovider::config::Builder::from(&sdk)
        .timeout_config(timeouts.build())
        .retry_config(retry);
    if let Some(url) = settings.endpoint_url()? {
        config = config.endpoint_url(url);
    }
    Ok(Client::from_conf(config.build()))
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
        crate::runtime::runtime().block_on(async {
            let s = test_settings("http://127.0.0.1:9");
            client_for(&s).await.unwrap();
            let before = cached_clients();
            client_for(&s).await.unwrap();
            assert_eq!(cached_clients(), before);
            for port in 0..(CACHE_CAPACITY as u16 + 5) {
                client_for(&test_settings(&format!("http://127.0.0.1:{}", 10000 + port))).await.unwrap();
            }
        });
        assert!(cached_clients() <= CACHE_CAPACITY);
    }
}
