//! The script's environment, as the C# layer passes it with each call.
//!
//! .NET on Unix keeps `$env:` changes a script makes to itself (it never calls setenv), so the process
//! environment this library could read is the one PowerShell started with. Every variable the SDK reads
//! (AWS_*, HOME, the container-credential variables, the proxy variables) therefore comes from this map,
//! and is handed to aws-config as its `Env` and to the HTTP client as its proxy settings.

use std::collections::HashMap;

use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_http_client::Connector;
use aws_smithy_runtime_api::client::http::{HttpConnectorSettings, SharedHttpClient};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_types::os_shim_internal::Env;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::error::NativeError;

/// What the C# layer passes (module/src/Common/ScriptEnvironment.cs, through Names.g.cs), by exact name: every
/// variable that the SDK crates this library links read, the per-service endpoint URL of each client it builds
/// (Cognito, and STS, SSO, SSO OIDC and Signin for the credential providers), where ~ is (profile files, the SSO
/// token cache) and the proxy in both spellings. A list, not a prefix: the C# layer reads each by name (no copy of the whole
/// environment per pipeline); `tests::passed_names_cover_every_variable_the_sdk_reads` checks it against the
/// sources of the crates in the build.
pub const PASSED_NAMES: [&str; 55] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_ACCOUNT_ID",
    "AWS_ACCOUNT_ID_ENDPOINT_MODE",
    "AWS_AUTH_SCHEME_PREFERENCE",
    "AWS_CONFIG_FILE",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_DEFAULT_REGION",
    "AWS_DISABLE_CLOCK_SKEW_CORRECTION",
    "AWS_DISABLE_REQUEST_COMPRESSION",
    "AWS_EC2_METADATA_DISABLED",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
    "AWS_ENDPOINT_URL_SIGNIN",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SSO_OIDC",
    "AWS_ENDPOINT_URL_STS",
    "AWS_EXECUTION_ENV",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LOGIN_CACHE_DIRECTORY",
    "AWS_MAX_ATTEMPTS",
    "AWS_NEW_RETRIES_2026",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_REQUEST_CHECKSUM_CALCULATION",
    "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES",
    "AWS_RESPONSE_CHECKSUM_VALIDATION",
    "AWS_RETRY_MODE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_SDK_UA_APP_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_SIGV4A_SIGNING_REGION_SET",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "HOME",
    "USERPROFILE",
    "HOMEDRIVE",
    "HOMEPATH",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    // curl's lower-case spellings, which proxy_config reads too (Windows sees one variable either way)
    "https_proxy",
    "http_proxy",
    "all_proxy",
    "no_proxy",
];

/// Environment variables by name; the values may hold secrets (AWS_SECRET_ACCESS_KEY), so Debug shows names only.
#[derive(Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct ScriptEnvironment(HashMap<String, String>);

impl crate::contract::Field for ScriptEnvironment {
    const TY: fn() -> crate::contract::Ty = || crate::contract::Ty::StrMap;
}

impl std::fmt::Debug for ScriptEnvironment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

impl Drop for ScriptEnvironment {
    fn drop(&mut self) {
        self.0.values_mut().for_each(Zeroize::zeroize);
    }
}

/// The static keys of the environment step: the C# layer has already used them when they were set (it is
/// AWS.Tools' fifth step), so the providers of later steps must not pick them up again.
const STATIC_KEYS: [&str; 3] = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

impl ScriptEnvironment {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    pub fn is_set(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn instance_metadata_disabled(&self) -> bool {
        self.get("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The environment aws-config's providers see. `keep_static_keys` is for a profile whose
    /// `credential_source = Environment` names exactly those keys as its source.
    pub fn for_providers(&self, keep_static_keys: bool) -> Env {
        let map: HashMap<String, String> = self
            .0
            .iter()
            .filter(|(k, _)| keep_static_keys || !STATIC_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Env::from(map)
    }

    /// Part of a client's cache key; a digest, so that the key holds no second copy of secrets.
    pub fn digest(&self) -> [u8; 32] {
        let mut names: Vec<&String> = self.0.keys().collect();
        names.sort();
        let mut h = Sha256::new();
        for name in names {
            h.update(name.as_bytes());
            h.update([0u8]);
            h.update(self.0[name].as_bytes());
            h.update([0u8]);
        }
        h.finalize().into()
    }

    fn either_case(&self, upper: &str) -> Option<&str> {
        self.get(upper).or_else(|| self.get(&upper.to_ascii_lowercase()))
    }

    /// HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY as curl and every AWS SDK read them. The SDK's
    /// ProxyConfig takes one proxy per configuration: when HTTPS_PROXY and HTTP_PROXY differ, HTTPS_PROXY
    /// wins (AWS endpoints are https) and http:// endpoints are reached directly.
    pub fn proxy_config(&self) -> Result<ProxyConfig, NativeError> {
        let https = self.either_case("HTTPS_PROXY");
        let http = self.either_case("HTTP_PROXY");
        let all = self.either_case("ALL_PROXY");
        let config = match (https, http, all) {
            (Some(s), Some(h), _) if s == h => ProxyConfig::all(s),
            (None, None, Some(a)) => ProxyConfig::all(a),
            (Some(s), _, _) => ProxyConfig::https(s),
            (None, Some(h), _) => ProxyConfig::http(h),
            (None, None, None) => return Ok(ProxyConfig::disabled()),
        }
        .map_err(|e| NativeError::invalid_request(format!("The proxy set in the environment is not usable: {e}.")))?;
        Ok(match self.either_case("NO_PROXY") {
            Some(rules) => config.no_proxy(rules),
            None => config,
        })
    }

    /// The SDK's default HTTPS client (rustls with aws-lc, as `default-https-client` builds it), with the
    /// proxy settings of this environment instead of the process's.
    pub fn http_client(&self) -> Result<SharedHttpClient, NativeError> {
        let proxy = self.proxy_config()?;
        Ok(aws_smithy_http_client::Builder::new()
            .build_with_connector_fn(move |settings, components| https_connector(&proxy, settings, components)))
    }

    /// The connector [`Self::http_client`] gives the SDK, for a request of this library's own (the JWKS fetch
    /// of [`crate::jwks`]): same TLS, same proxy, and the timeouts of `settings`.
    pub fn connector(&self, settings: &HttpConnectorSettings) -> Result<Connector, NativeError> {
        Ok(https_connector(&self.proxy_config()?, Some(settings), None))
    }
}

/// The one place an HTTPS connector is built: rustls on aws-lc, `proxy`, the connect/read timeouts of
/// `settings`, and the sleep of the SDK's runtime components when the SDK builds it (otherwise tokio's).
fn https_connector(proxy: &ProxyConfig, settings: Option<&HttpConnectorSettings>, components: Option<&RuntimeComponents>) -> Connector {
    let mut builder = Connector::builder().tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc));
    builder.set_connector_settings(settings.cloned());
    if let Some(components) = components {
        builder.set_sleep_impl(components.sleep_impl());
    }
    builder.set_proxy_config(Some(proxy.clone()));
    builder.build()
}

#[cfg(test)]
impl ScriptEnvironment {
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        ScriptEnvironment(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `"AWS_…"` string literal in the sources under `dir`, and the per-service endpoint URL variable of
    /// each call of `service_config_key` with the service id and AWS_ENDPOINT_URL (aws-runtime builds its name at run time).
    fn variables_named_in(dir: &std::path::Path, found: &mut std::collections::BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                variables_named_in(&path, found);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("\"AWS_") {
                let name: String = rest[at + 1..].chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_').collect();
                if name.len() > "AWS_".len() && rest[at + 1 + name.len()..].starts_with('"') {
                    found.entry(name).or_insert_with(|| path.display().to_string());
                }
                rest = &rest[at + 1..];
            }
            for call in text.split("service_config_key(\"").skip(1) {
                let (service, after) = call.split_once('"').unwrap();
                if after.trim_start_matches([',', ' ']).starts_with("\"AWS_ENDPOINT_URL\"") {
                    let name = format!("AWS_ENDPOINT_URL_{}", service.to_ascii_uppercase().replace(' ', "_"));
                    found.entry(name).or_insert_with(|| path.display().to_string());
                }
            }
        }
    }

    /// A variable the SDK reads that the C# layer does not pass would be ignored for a script, silently: an SDK
    /// update that reads a new one must fail here. Reads the sources of the aws-* crates of this build (and this
    /// crate's own), wherever cargo took them from.
    #[test]
    fn passed_names_cover_every_variable_the_sdk_reads() {
        // String literals that look like variables but are not read from the environment.
        const NOT_VARIABLES: [&str; 7] = [
            "AWS_OWNED_KEY",                  // a Cognito EncryptionKeyType value
            "AWS_SDK_RUST_BUILD_UA_METADATA", // read when aws-runtime is compiled (option_env!)
            "AWS_SOME_KEY",                   // the rest: aws-runtime's own unit tests
            "AWS_SOME_KEY_S3",
            "AWS_SOME_KEY_SERVICE",
            "AWS_SOME_KEY_EC2",
            "AWS_SOME_KEY_ANOTHER_SERVICE",
        ];
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        let out = std::process::Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--offline", "--manifest-path", manifest])
            .output()
            .expect("cargo metadata runs");
        assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
        let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut found = std::collections::BTreeMap::new();
        let mut crates = 0;
        for package in meta["packages"].as_array().unwrap() {
            let name = package["name"].as_str().unwrap();
            if (name.starts_with("aws-") && !name.starts_with("aws-lc")) || name == "cgip_native" {
                let manifest = std::path::Path::new(package["manifest_path"].as_str().unwrap());
                variables_named_in(&manifest.parent().unwrap().join("src"), &mut found);
                crates += 1;
            }
        }
        assert!(crates >= 10 && found.contains_key("AWS_PROFILE"), "the scan found the SDK's sources ({crates} crates)");
        let missing: Vec<String> = found
            .iter()
            .filter(|(name, _)| !PASSED_NAMES.contains(&name.as_str()) && !NOT_VARIABLES.contains(&name.as_str()))
            .map(|(name, file)| format!("{name} ({file})"))
            .collect();
        assert!(missing.is_empty(), "read by the SDK, not passed by the C# layer: {missing:#?}");
    }

    #[test]
    fn debug_output_names_variables_but_never_shows_values() {
        let env = ScriptEnvironment::from_pairs(&[("AWS_SECRET_ACCESS_KEY", "very-secret")]);
        let text = format!("{env:?}");
        assert!(text.contains("AWS_SECRET_ACCESS_KEY"));
        assert!(!text.contains("very-secret"));
    }

    #[test]
    fn later_steps_do_not_see_the_static_keys_unless_a_profile_asks_for_them() {
        let env = ScriptEnvironment::from_pairs(&[("AWS_ACCESS_KEY_ID", "AK"), ("AWS_SECRET_ACCESS_KEY", "s"), ("HOME", "/h")]);
        assert!(env.for_providers(false).get("AWS_ACCESS_KEY_ID").is_err());
        assert_eq!(env.for_providers(false).get("HOME").unwrap(), "/h");
        assert_eq!(env.for_providers(true).get("AWS_ACCESS_KEY_ID").unwrap(), "AK");
    }

    #[test]
    fn digest_changes_with_any_value_and_ignores_order() {
        let a = ScriptEnvironment::from_pairs(&[("A", "1"), ("B", "2")]);
        let b = ScriptEnvironment::from_pairs(&[("B", "2"), ("A", "1")]);
        let c = ScriptEnvironment::from_pairs(&[("A", "1"), ("B", "3")]);
        assert_eq!(a.digest(), b.digest());
        assert_ne!(a.digest(), c.digest());
    }

    #[test]
    fn proxy_settings_come_from_the_map_and_bad_urls_are_refused() {
        assert!(ScriptEnvironment::default().proxy_config().unwrap().is_disabled());
        assert!(!ScriptEnvironment::from_pairs(&[("https_proxy", "http://127.0.0.1:3128")]).proxy_config().unwrap().is_disabled());
        assert!(ScriptEnvironment::from_pairs(&[("HTTP_PROXY", "not a url")]).proxy_config().is_err());
    }
}
