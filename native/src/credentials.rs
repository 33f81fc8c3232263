//! The steps of AWS.Tools' credential and region chains that the SDK resolves (docs/credentials.md):
//! a named profile (-ProfileName, AWS_PROFILE, then 'default' and 'AWS PS Default'), the tail (web
//! identity from the environment, container, instance metadata), and the region from profiles and
//! instance metadata. Profiles are read and turned into providers by aws-config alone; this module only
//! decides which step applies, in AWS.Tools' order, and explains failures in terms of that step.

use std::borrow::Cow;
use std::time::Duration;

use aws_config::profile::ProfileSet;
use aws_config::sts::AssumeRoleProvider;
use aws_config::{imds, BehaviorVersion};
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::Credentials;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_types::os_shim_internal::Fs;
use aws_types::SdkConfig;
use serde::Serialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{error_chain, ErrorKind, NativeError};
use crate::settings::ClientSettings;

pub const DEFAULT_PROFILE: &str = "default";
/// The profile name AWS.Tools' Initialize-AWSDefaultConfiguration used to write.
pub const LEGACY_DEFAULT_PROFILE: &str = "AWS PS Default";

/// A profile with one of these is a source of credentials for aws-config; a profile holding only a region
/// (what `aws configure` writes to the config file's [default]) is not, and AWS.Tools passes over it.
const CREDENTIAL_SETTINGS: [&str; 5] = ["aws_access_key_id", "role_arn", "credential_process", "sso_session", "sso_start_url"];

/// Instance metadata is the last resort and is usually absent (laptops, CI): one short attempt only.
const IMDS_TIMEOUT: Duration = Duration::from_millis(500);
const TAIL_BUDGET: Duration = Duration::from_secs(3);

/// Where the credentials of a call come from.
pub enum Source<'a> {
    /// Keys the C# layer found (parameters, -Credential, $StoredAWSCredentials, environment keys).
    Static(&'a crate::settings::StaticCredentials),
    /// A profile, resolved by aws-config's profile provider (static, assume-role, SSO, process, web identity).
    Profile(&'a str),
    /// No profile either: web identity from the environment, container, instance metadata.
    Tail,
}

contract! {
/// What `ResolveConnection` answers: the sources for -Debug (never values) and the settings to call with.
#[derive(Debug, Serialize)]
pub struct Resolution (out, "camelCase") {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials_source: Option<String>,
    /// The profile later calls use (a default profile the tail found), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials_profile: Option<String>,
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_source: Option<String>,
    /// Identifies the profile files' contents, so that cached clients end when the files change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_stamp: Option<String>,
}
}

/// With -ProfileLocation only that file is searched, as a credentials file (AWS.Tools' meaning); a file
/// that does not exist holds no profiles, as in AWS.Tools (aws-config would refuse to load it).
fn profile_files(location: Option<&str>) -> EnvConfigFiles {
    match location {
        Some(path) if std::path::Path::new(path).is_file() => EnvConfigFiles::builder().with_file(EnvConfigFileKind::Credentials, path).build(),
        Some(_) => EnvConfigFiles::builder().with_contents(EnvConfigFileKind::Credentials, "").build(),
        None => EnvConfigFiles::default(),
    }
}

async fn load_profiles(settings: &ClientSettings) -> Result<ProfileSet, NativeError> {
    let env = settings.environment.for_providers(false);
    aws_config::profile::load(&Fs::real(), &env, &profile_files(settings.profile_location()), None::<Cow<'static, str>>)
        .await
        .map_err(|e| NativeError::new(ErrorKind::InvalidRequest, "InvalidProfileFile", format!("The shared AWS config or credentials file could not be read: {e}.")))
}

fn has_credentials(profiles: &ProfileSet, name: &str) -> bool {
    profiles.get_profile(name).is_some_and(|p| CREDENTIAL_SETTINGS.iter().any(|k| p.get(k).is_some()))
}

/// AWS.Tools' "No credentials specified ..." case, with what was looked for as the recommended action.
fn no_profile(name: &str, settings: &ClientSettings) -> NativeError {
    let files = match settings.profile_location() {
        Some(path) => format!("the file {path}"),
        None => "the shared config and credentials files".to_owned(),
    };
    NativeError::new(ErrorKind::Credentials, crate::error::CREDENTIALS_NOT_FOUND, format!("No profile named '{name}' with credentials in {files}."))
}

/// Refuses what a cmdlet in a script cannot do, before any network call.
fn check_usable(profiles: &ProfileSet, name: &str) -> Result<(), NativeError> {
    let profile = profiles.get_profile(name).expect("checked by has_credentials");
    if profile.get("mfa_serial").is_some() {
        return Err(NativeError::new(
            ErrorKind::Credentials,
            "ProfileNeedsMfa",
            format!(
                "Profile '{name}' assumes a role that needs an MFA code (mfa_serial), which a cmdlet cannot prompt for. \
                 Use a profile without mfa_serial, or session credentials from 'aws sts get-session-token' with -AccessKey, -SecretKey and -SessionToken."
            ),
        ));
    }
    Ok(())
}

/// The name AWS.Tools' debug text gives the tail's source.
fn tail_source(settings: &ClientSettings) -> &'static str {
    let env = &settings.environment;
    if env.is_set("AWS_WEB_IDENTITY_TOKEN_FILE") && env.is_set("AWS_ROLE_ARN") {
        "web identity token"
    } else if env.is_set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || env.is_set("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
        "container environment"
    } else {
        "instance profile"
    }
}

/// Decides the credential and region steps that need profiles or the network, once per pipeline.
pub async fn resolve(settings: &ClientSettings) -> Result<Resolution, NativeError> {
    let profiles = load_profiles(settings).await?;
    let (credentials_source, credentials_profile) = match settings.credential_source() {
        Source::Static(_) => (None, None),
        Source::Profile(name) => {
            if !has_credentials(&profiles, name) {
                return Err(no_profile(name, settings));
            }
            check_usable(&profiles, name)?;
            (Some(format!("stored profile named '{name}'")), Some(name.to_owned()))
        }
        Source::Tail => match [DEFAULT_PROFILE, LEGACY_DEFAULT_PROFILE].into_iter().find(|n| has_credentials(&profiles, n)) {
            Some(name) => {
                check_usable(&profiles, name)?;
                (Some(format!("stored profile named '{name}'")), Some(name.to_owned()))
            }
            None => {
                probe_tail(settings).await?;
                (Some(tail_source(settings).to_owned()), None)
            }
        },
    };
    let (region, region_source) = resolve_region(settings, &profiles).await?;
    Ok(Resolution { credentials_source, credentials_profile, region, region_source, profile_stamp: Some(stamp(&profiles)) })
}

/// A digest of everything the profile files said (the set's Debug form holds it all; only the digest is kept).
fn stamp(profiles: &ProfileSet) -> String {
    let text = Zeroizing::new(format!("{profiles:?}"));
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// AWS.Tools' region steps after -Region and $StoredAWSRegion (which the C# layer handles).
async fn resolve_region(settings: &ClientSettings, profiles: &ProfileSet) -> Result<(String, Option<String>), NativeError> {
    if let Some(region) = settings.region_name() {
        return Ok((region.to_owned(), None));
    }
    let first = settings.region_profile.as_deref().unwrap_or(DEFAULT_PROFILE);
    for name in [first, LEGACY_DEFAULT_PROFILE] {
        if let Some(region) = profiles.get_profile(name).and_then(|p| p.get("region")).filter(|r| !r.trim().is_empty()) {
            return Ok((region.trim().to_owned(), Some("stored region".to_owned())));
        }
    }
    if let Some(region) = settings.environment.get("AWS_REGION") {
        return Ok((region.trim().to_owned(), Some("Environment".to_owned())));
    }
    if !settings.environment.instance_metadata_disabled() {
        let provider = imds::region::ImdsRegionProvider::builder().imds_client(imds_client()).build();
        if let Ok(Some(region)) = tokio::time::timeout(TAIL_BUDGET, provider.region()).await {
            return Ok((region.to_string(), Some("InstanceMetadata".to_owned())));
        }
    }
    Err(crate::settings::no_region())
}

fn imds_client() -> imds::Client {
    imds::Client::builder().max_attempts(1).connect_timeout(IMDS_TIMEOUT).read_timeout(IMDS_TIMEOUT).build()
}

/// Whether the tail yields credentials, so that a missing credential is reported before a missing
/// region, as AWS.Tools orders them.
async fn probe_tail(settings: &ClientSettings) -> Result<(), NativeError> {
    let config = sdk_config(settings, "us-east-1").await?;
    let provider = config.credentials_provider().expect("the loader always sets a provider");
    match tokio::time::timeout(TAIL_BUDGET, provider.provide_credentials()).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(NativeError::no_credentials(&error_chain(&e))),
        Err(_) => Err(NativeError::no_credentials("they did not answer in time")),
    }
}

/// The SDK configuration of a call: the script's environment, the proxy, the profile files, and the
/// credential provider of the call's step. Its identity cache (the SDK's lazy cache, refreshing before
/// expiry) lives as long as the client built from it.
pub async fn sdk_config(settings: &ClientSettings, region: &str) -> Result<SdkConfig, NativeError> {
    let env = &settings.environment;
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(env.http_client()?)
        .profile_files(profile_files(settings.profile_location()))
        .region(Region::new(region.to_owned()));
    match settings.credential_source() {
        Source::Static(c) => {
            loader = loader.env(env.for_providers(false)).credentials_provider(Credentials::new(
                c.access_key_id.clone(),
                c.secret_access_key.clone(),
                c.session_token.clone(),
                None,
                "CognitoAdminAuth",
            ));
        }
        Source::Profile(name) => {
            let profiles = load_profiles(settings).await?;
            let environment_source = profiles.get_profile(name).and_then(|p| p.get("credential_source")) == Some("Environment");
            loader = loader.env(env.for_providers(false)).profile_name(name);
            if environment_source {
                let base = loader.load().await;
                return role_from_environment(settings, &profiles, name, base).await;
            }
        }
        Source::Tail => loader = loader.env(env.for_providers(false)),
    }
    Ok(loader.load().await)
}

/// `credential_source = Environment`: aws-config's default chain would hand out the environment keys
/// themselves (its first step), so the role is assumed here with the SDK's AssumeRoleProvider, from the
/// settings aws-config parsed.
async fn role_from_environment(settings: &ClientSettings, profiles: &ProfileSet, name: &str, base: SdkConfig) -> Result<SdkConfig, NativeError> {
    let profile = profiles.get_profile(name).expect("checked before");
    let env = &settings.environment;
    let (Some(access), Some(secret)) = (env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")) else {
        return Err(NativeError::new(
            ErrorKind::Credentials,
            "ProfileCredentialsFailed",
            format!("Profile '{name}' takes its source credentials from the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set."),
        ));
    };
    let source = Credentials::new(access, secret, env.get("AWS_SESSION_TOKEN").map(str::to_owned), None, "Environment");
    let role_arn = profile.get("role_arn").expect("credential_source comes with role_arn");
    let mut builder = AssumeRoleProvider::builder(role_arn).configure(&base);
    if let Some(id) = profile.get("external_id") {
        builder = builder.external_id(id);
    }
    if let Some(session) = profile.get("role_session_name") {
        builder = builder.session_name(session);
    }
    if let Some(seconds) = profile.get("duration_seconds") {
        let seconds: u64 = seconds.trim().parse().map_err(|_| {
            NativeError::invalid_request(format!("Profile '{name}': duration_seconds '{seconds}' is not a whole number of seconds."))
        })?;
        builder = builder.session_length(Duration::from_secs(seconds));
    }
    let provider = builder.build_from_provider(source).await;
    Ok(base.into_builder().credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(provider)).build())
}

/// Says which step failed and what to do, instead of the SDK's bare provider error.
pub fn explain(err: NativeError, settings: &ClientSettings) -> NativeError {
    if err.kind != ErrorKind::Credentials {
        return err;
    }
    let Source::Profile(name) = settings.credential_source() else { return err };
    let detail = err.message.trim_start_matches(crate::error::NO_CREDENTIALS_PREFIX);
    let advice = if detail.contains("SSO") || detail.contains("sso") || detail.contains("token") {
        format!(" If this is an IAM Identity Center (SSO) profile, run 'aws sso login --profile {name}' and try again.")
    } else {
        String::new()
    };
    NativeError::new(
        ErrorKind::Credentials,
        "ProfileCredentialsFailed",
        format!("Credentials from profile '{name}' could not be obtained: {detail}{advice}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(json: serde_json::Value) -> ClientSettings {
        serde_json::from_value(json).unwrap()
    }

    fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn temp_dir(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("cgip-cred-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[tokio::test]
    async fn a_region_only_default_profile_gives_its_region_but_no_credentials() {
        let dir = temp_dir("region-only");
        let file = write(&dir, "creds", "[default]\nregion = eu-west-1\n");
        let env = serde_json::json!({"AWS_EC2_METADATA_DISABLED": "true"});
        let keys = serde_json::json!({"accessKeyId": "AK", "secretAccessKey": "s"});
        let r = resolve(&settings(serde_json::json!({"profileLocation": file, "environment": env, "credentials": keys}))).await.unwrap();
        assert_eq!((r.region.as_str(), r.region_source.as_deref()), ("eu-west-1", Some("stored region")));
        let e = resolve(&settings(serde_json::json!({"profileLocation": file, "environment": env}))).await.unwrap_err();
        assert_eq!(e.code, "CredentialsNotFound", "{}", e.message);
    }

    #[tokio::test]
    async fn a_named_profile_that_is_missing_stops_the_chain_with_aws_tools_code() {
        let dir = temp_dir("missing");
        let file = write(&dir, "creds", "[other]\naws_access_key_id = AK\naws_secret_access_key = s\n");
        let s = settings(serde_json::json!({"profileLocation": file, "credentialsProfile": "nope", "region": "us-east-1"}));
        let e = resolve(&s).await.unwrap_err();
        assert_eq!(e.code, "CredentialsNotFound");
        assert!(e.message.contains("'nope'"), "{}", e.message);
    }

    #[tokio::test]
    async fn a_role_needing_mfa_is_refused_before_any_call() {
        let dir = temp_dir("mfa");
        let file = write(&dir, "creds", "[base]\naws_access_key_id = AK\naws_secret_access_key = s\n[role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n");
        let s = settings(serde_json::json!({"profileLocation": file, "credentialsProfile": "role", "region": "us-east-1"}));
        let e = resolve(&s).await.unwrap_err();
        assert_eq!(e.code, "ProfileNeedsMfa");
        assert!(e.message.contains("Profile 'role'") && e.message.contains("mfa_serial"), "{}", e.message);
    }

    #[tokio::test]
    async fn the_region_comes_from_the_environment_map_not_the_process() {
        let s = settings(serde_json::json!({"credentials": {"accessKeyId": "AK", "secretAccessKey": "s"},
            "profileLocation": "/nonexistent/cgip", "environment": {"AWS_REGION": "ap-south-1", "AWS_EC2_METADATA_DISABLED": "true"}}));
        let r = resolve(&s).await.unwrap();
        assert_eq!((r.region.as_str(), r.region_source.as_deref()), ("ap-south-1", Some("Environment")));
        assert!(r.credentials_source.is_none());
    }

    #[tokio::test]
    async fn with_nothing_anywhere_credentials_are_reported_missing_before_the_region() {
        let s = settings(serde_json::json!({"profileLocation": "/nonexistent/cgip", "environment": {"AWS_EC2_METADATA_DISABLED": "true"}}));
        let e = resolve(&s).await.unwrap_err();
        assert_eq!(e.code, "CredentialsNotFound");
    }

    #[tokio::test]
    async fn the_stamp_changes_when_a_profile_file_changes() {
        let dir = temp_dir("stamp");
        let file = write(&dir, "creds", "[p]\naws_access_key_id = AK1\naws_secret_access_key = s\n");
        let s = settings(serde_json::json!({"profileLocation": file.clone(), "credentialsProfile": "p", "region": "us-east-1"}));
        let first = resolve(&s).await.unwrap().profile_stamp;
        write(&dir, "creds", "[p]\naws_access_key_id = AK2\naws_secret_access_key = s\n");
        assert_ne!(resolve(&s).await.unwrap().profile_stamp, first);
    }

    #[test]
    fn a_failing_profile_is_named_with_what_to_do_for_sso() {
        let s = settings(serde_json::json!({"credentialsProfile": "corp"}));
        let e = explain(NativeError::no_credentials("the SSO token has expired"), &s);
        assert_eq!(e.code, "ProfileCredentialsFailed");
        assert!(e.message.starts_with("Credentials from profile 'corp' could not be obtained: the SSO token has expired"), "{}", e.message);
        assert!(e.message.contains("aws sso login --profile corp"), "{}", e.message);
    }
}
