//! What AWS.Tools leaves to the caller, done on the way to and from the service: SECRET_HASH from the app
//! client's secret, and the SRP exchanges (USER_SRP_AUTH → PASSWORD_VERIFIER from a password,
//! DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER from a remembered device's password), so that no password
//! leaves this process. Also the building blocks as local operations (no service call).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use once_cell::sync::Lazy;
use serde::Deserialize;
use serde_json::{json, Value};
use zeroize::Zeroizing;

use crate::auth::{self, SrpClient};
use crate::error::NativeError;
use crate::model::{AdminInitiateAuthInput, AdminRespondToAuthChallengeInput, AuthResponse, StringMap};

/// Cognito keeps a challenge session for 3 to 15 minutes; an exchange older than the longest is useless.
const PENDING_TTL: Duration = Duration::from_secs(15 * 60);
/// More SRP sign-ins in flight than this in one process means abandoned ones are piling up.
const PENDING_CAPACITY: usize = 1024;

/// Whose secret an SRP exchange proves: the user's password, or a remembered device's password.
enum Prover {
    User { pool_id: String },
    Device { group_key: String, device_key: String },
}

/// An SRP exchange between its two calls, keyed by the Session Cognito returned. In memory only; the
/// password and the private value are wiped when it is taken or dropped.
struct PendingSrp {
    started: SrpStarted,
    challenge: HashMap<String, String>,
    created: Instant,
}

static PENDING: Lazy<Mutex<HashMap<String, PendingSrp>>> = Lazy::new(|| Mutex::new(HashMap::new()));

/// SRP private values handed out by the `SrpStart` building block, by an opaque handle, until `SrpClaim`.
static HANDLES: Lazy<Mutex<HashMap<String, (SrpClient, Instant)>>> = Lazy::new(|| Mutex::new(HashMap::new()));

/// The first half of an SRP exchange, carried from the request to its response.
pub struct SrpStarted {
    client: SrpClient,
    password: Zeroizing<String>,
    prover: Prover,
}

/// A remembered device's keys for DEVICE_SRP_AUTH (from ConfirmDevice and New-CGIPDeviceVerifier).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceSecret {
    group_key: String,
    password: String,
}

fn invalid(message: impl Into<String>) -> NativeError {
    NativeError::invalid_request(message)
}

fn get<'a>(map: &'a Option<StringMap>, key: &str) -> Option<&'a str> {
    map.as_ref()?.get(key)?.as_deref()
}

fn set(map: &mut Option<StringMap>, key: &str, value: String) {
    map.get_or_insert_with(HashMap::new).insert(key.to_owned(), Some(value));
}

/// Adds SECRET_HASH for USERNAME unless the caller supplied one (or there is no USERNAME to hash).
fn add_secret_hash(map: &mut Option<StringMap>, secret: Option<&str>, client_id: Option<&str>) {
    let (Some(secret), Some(client_id)) = (secret, client_id) else { return };
    if get(map, "SECRET_HASH").is_some() {
        return;
    }
    if let Some(user) = get(map, "USERNAME").map(str::to_owned) {
        set(map, "SECRET_HASH", auth::secret_hash(secret, &user, client_id));
    }
}

/// Starts an exchange: a fresh private value, its SRP_A put into `map`.
fn start(map: &mut Option<StringMap>, password: String, prover: Prover) -> Result<SrpStarted, NativeError> {
    let client = SrpClient::new().map_err(|e| NativeError::internal(format!("SRP: {e}")))?;
    set(map, "SRP_A", client.srp_a_hex());
    Ok(SrpStarted { client, password: Zeroizing::new(password), prover })
}

/// USER_SRP_AUTH with a PASSWORD and no SRP_A: replace the password by SRP_A and remember the exchange.
pub fn before_initiate(input: &mut AdminInitiateAuthInput, secret: Option<&str>) -> Result<Option<SrpStarted>, NativeError> {
    let mut started = None;
    let srp = input.auth_flow.as_deref() == Some("USER_SRP_AUTH") && get(&input.auth_parameters, "SRP_A").is_none();
    if srp {
        if let Some(password) = input.auth_parameters.as_mut().and_then(|m| m.remove("PASSWORD")).flatten() {
            let pool_id = input.user_pool_id.clone().ok_or_else(|| invalid("USER_SRP_AUTH with PASSWORD needs the UserPoolId."))?;
            auth::pool_name(&pool_id).map_err(|e| invalid(format!("UserPoolId: {e}")))?;
            started = Some(start(&mut input.auth_parameters, password, Prover::User { pool_id })?);
        }
    }
    add_secret_hash(&mut input.auth_parameters, secret, input.client_id.as_deref());
    Ok(started)
}

/// Keeps the exchange for the verifier challenge that answers it, if that is what Cognito asked for.
pub fn after_call(started: Option<SrpStarted>, response: &AuthResponse) {
    let Some(started) = started else { return };
    let verifier = match started.prover {
        Prover::User { .. } => "PASSWORD_VERIFIER",
        Prover::Device { .. } => "DEVICE_PASSWORD_VERIFIER",
    };
    let (Some(name), Some(session), Some(params)) =
        (response.challenge_name.as_deref(), response.session.as_ref(), response.challenge_parameters.as_ref())
    else {
        return;
    };
    if name != verifier {
        return;
    }
    let mut pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
    pending.retain(|_, p| p.created.elapsed() < PENDING_TTL);
    if pending.len() >= PENDING_CAPACITY {
        pending.clear();
    }
    pending.insert(session.clone(), PendingSrp { started, challenge: params.clone(), created: Instant::now() });
}

/// Before AdminRespondToAuthChallenge: DEVICE_SRP_AUTH with the device's secret starts a device exchange;
/// PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER without a signature, for a Session this process started,
/// is signed; then SECRET_HASH.
pub fn before_respond(
    input: &mut AdminRespondToAuthChallengeInput,
    secret: Option<&str>,
    device: Option<DeviceSecret>,
) -> Result<Option<SrpStarted>, NativeError> {
    let mut started = None;
    let name = input.challenge_name.clone().unwrap_or_default();
    let responses = &mut input.challenge_responses;
    match name.as_str() {
        "DEVICE_SRP_AUTH" if get(responses, "SRP_A").is_none() => {
            if let Some(device) = device {
                let device_key = get(responses, "DEVICE_KEY")
                    .ok_or_else(|| invalid("DEVICE_SRP_AUTH needs DEVICE_KEY in the challenge responses."))?
                    .to_owned();
                let prover = Prover::Device { group_key: device.group_key, device_key };
                started = Some(start(responses, device.password, prover)?);
            }
        }
        "PASSWORD_VERIFIER" | "DEVICE_PASSWORD_VERIFIER" if get(responses, "PASSWORD_CLAIM_SIGNATURE").is_none() => {
            sign(responses, input.session.as_deref().unwrap_or_default(), &name)?;
        }
        _ => {}
    }
    add_secret_hash(&mut input.challenge_responses, secret, input.client_id.as_deref());
    Ok(started)
}

fn sign(responses: &mut Option<StringMap>, session: &str, challenge: &str) -> Result<(), NativeError> {
    let entry = PENDING.lock().unwrap_or_else(|p| p.into_inner()).remove(session).ok_or_else(|| {
        invalid(format!(
            "{challenge} needs PASSWORD_CLAIM_SIGNATURE, or a Session this process started (Start-CGIPAuthAdmin -AuthFlow \
             USER_SRP_AUTH with PASSWORD, or DEVICE_SRP_AUTH with -DeviceGroupKey and -DevicePassword), within 15 minutes, \
             so that the module can sign it."
        ))
    })?;
    let param = |k: &str| {
        entry.challenge.get(k).map(String::as_str).ok_or_else(|| invalid(format!("The {challenge} challenge had no {k}.")))
    };
    let timestamp = auth::cognito_timestamp(SystemTime::now()).map_err(|e| NativeError::internal(e.to_string()))?;
    let (b, salt, block) = (param("SRP_B")?, param("SALT")?, param("SECRET_BLOCK")?);
    let started = &entry.started;
    let claim = match &started.prover {
        Prover::User { pool_id } => {
            let user_id = param("USER_ID_FOR_SRP")?;
            if get(responses, "USERNAME").is_none() {
                set(responses, "USERNAME", user_id.to_owned());
            }
            started.client.password_claim(pool_id, user_id, &started.password, b, salt, block, &timestamp)
        }
        Prover::Device { group_key, device_key } => {
            started.client.device_password_claim(group_key, device_key, &started.password, b, salt, block, &timestamp)
        }
    }
    .map_err(|e| invalid(format!("The {challenge} challenge cannot be answered: {e}")))?;
    set(responses, "PASSWORD_CLAIM_SECRET_BLOCK", block.to_owned());
    set(responses, "PASSWORD_CLAIM_SIGNATURE", claim.signature_b64);
    set(responses, "TIMESTAMP", claim.timestamp);
    Ok(())
}

/// The building blocks, for callers driving a flow themselves. None when `name` is not one of them.
pub fn local_operation(name: &str, input: &Value) -> Option<Result<Value, NativeError>> {
    let result = match name {
        "SecretHash" => parse::<SecretHashInput>(input).map(|i| json!({ "SecretHash": auth::secret_hash(&i.client_secret, &i.user_name, &i.client_id) })),
        "TotpCode" => parse::<TotpInput>(input).and_then(|i| {
            let now = i.unix_time.unwrap_or_else(|| SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0));
            auth::totp_code(&i.secret, now)
                .map(|code| json!({ "Code": code, "SecondsRemaining": auth::seconds_remaining(now) }))
                .map_err(|e| invalid(format!("The TOTP secret is not usable: {e}")))
        }),
        "DecodeTokenUnverified" => parse::<TokenInput>(input).and_then(|i| {
            auth::decode_unverified(&i.token)
                .map(|jwt| json!({ "Header": jwt.header, "Payload": jwt.payload, "Expires": jwt.exp() }))
                .map_err(|e| invalid(format!("Not a JWT: {e}")))
        }),
        "SrpStart" => srp_start(),
        "SrpClaim" => parse::<ClaimInput>(input).and_then(srp_claim),
        "DeviceVerifier" => parse::<DeviceInput>(input).and_then(|i| {
            auth::generate_device_verifier(&i.device_group_key, &i.device_key)
                .map(|v| json!({ "DevicePassword": v.device_password.as_str(), "PasswordVerifier": v.password_verifier_b64, "Salt": v.salt_b64 }))
                .map_err(|e| invalid(e.to_string()))
        }),
        _ => return None,
    };
    Some(result)
}

/// A fresh SRP_A; its private value stays here under the returned handle (15 minutes at most).
fn srp_start() -> Result<Value, NativeError> {
    let client = SrpClient::new().map_err(|e| NativeError::internal(format!("SRP: {e}")))?;
    let mut id = [0u8; 16];
    getrandom::getrandom(&mut id).map_err(|e| NativeError::internal(format!("random: {e}")))?;
    let handle: String = id.iter().map(|b| format!("{b:02x}")).collect();
    let srp_a = client.srp_a_hex();
    let mut handles = HANDLES.lock().unwrap_or_else(|p| p.into_inner());
    handles.retain(|_, (_, created)| created.elapsed() < PENDING_TTL);
    if handles.len() >= PENDING_CAPACITY {
        handles.clear();
    }
    handles.insert(handle.clone(), (client, Instant::now()));
    Ok(json!({ "SrpA": srp_a, "Handle": handle }))
}

/// Signs a PASSWORD_VERIFIER challenge with the private value behind `handle`, which is then forgotten.
fn srp_claim(i: ClaimInput) -> Result<Value, NativeError> {
    let password = Zeroizing::new(i.password);
    let (client, _) = HANDLES
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&i.handle)
        .ok_or_else(|| invalid("Unknown or used SRP handle: start again with New-CGIPSrpA (a handle signs once, within 15 minutes)."))?;
    let timestamp = auth::cognito_timestamp(SystemTime::now()).map_err(|e| NativeError::internal(e.to_string()))?;
    let claim = client
        .password_claim(&i.user_pool_id, &i.user_id_for_srp, &password, &i.srp_b, &i.salt, &i.secret_block, &timestamp)
        .map_err(|e| invalid(format!("The PASSWORD_VERIFIER challenge cannot be answered: {e}")))?;
    Ok(json!({ "Signature": claim.signature_b64, "Timestamp": claim.timestamp, "SecretBlock": i.secret_block }))
}

fn parse<T: serde::de::DeserializeOwned>(input: &Value) -> Result<T, NativeError> {
    T::deserialize(input).map_err(|e| invalid(format!("Missing or malformed member: {}", crate::error::json_problem(&e))))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SecretHashInput {
    client_secret: String,
    user_name: String,
    client_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TotpInput {
    secret: String,
    unix_time: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TokenInput {
    token: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ClaimInput {
    handle: String,
    user_pool_id: String,
    user_id_for_srp: String,
    password: String,
    srp_b: String,
    salt: String,
    secret_block: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DeviceInput {
    device_group_key: String,
    device_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Option<StringMap> {
        Some(pairs.iter().map(|(k, v)| (k.to_string(), Some(v.to_string()))).collect())
    }

    #[test]
    fn a_client_secret_adds_secret_hash_for_the_username_unless_given() {
        let mut input = AdminInitiateAuthInput { client_id: Some("cid".into()), auth_parameters: map(&[("USERNAME", "alice")]), ..Default::default() };
        before_initiate(&mut input, Some("s3cret")).unwrap();
        assert_eq!(get(&input.auth_parameters, "SECRET_HASH").unwrap(), auth::secret_hash("s3cret", "alice", "cid"));

        let mut given = AdminInitiateAuthInput { client_id: Some("cid".into()), auth_parameters: map(&[("USERNAME", "a"), ("SECRET_HASH", "mine")]), ..Default::default() };
        before_initiate(&mut given, Some("s3cret")).unwrap();
        assert_eq!(get(&given.auth_parameters, "SECRET_HASH"), Some("mine"));
    }

    #[test]
    fn user_srp_auth_sends_srp_a_instead_of_the_password() {
        let mut input = AdminInitiateAuthInput {
            user_pool_id: Some("us-east-1_Pool".into()),
            auth_flow: Some("USER_SRP_AUTH".into()),
            auth_parameters: map(&[("USERNAME", "alice"), ("PASSWORD", "hunter2")]),
            ..Default::default()
        };
        let started = before_initiate(&mut input, None).unwrap();
        assert!(started.is_some());
        assert!(get(&input.auth_parameters, "PASSWORD").is_none());
        assert!(get(&input.auth_parameters, "SRP_A").unwrap().len() > 700);
    }

    #[test]
    fn password_verifier_without_state_or_signature_is_refused_clearly() {
        let mut input = AdminRespondToAuthChallengeInput {
            challenge_name: Some("PASSWORD_VERIFIER".into()),
            session: Some("unknown-session".into()),
            ..Default::default()
        };
        let err = before_respond(&mut input, None, None).err().expect("refused");
        assert!(err.message.contains("PASSWORD_CLAIM_SIGNATURE"), "{}", err.message);
    }

    #[test]
    fn local_operations_answer_without_a_service() {
        let v = local_operation("TotpCode", &json!({"Secret": "JBSWY3DPEHPK3PXP", "UnixTime": 59})).unwrap().unwrap();
        assert_eq!(v["Code"].as_str().unwrap().len(), 6);
        assert!(local_operation("TotpCode", &json!({})).unwrap().is_err());
        assert!(local_operation("Nope", &json!({})).is_none());
    }

    #[test]
    fn an_srp_handle_signs_once() {
        let start = local_operation("SrpStart", &json!({})).unwrap().unwrap();
        let handle = start["Handle"].as_str().unwrap();
        let claim = |h: &str| {
            local_operation("SrpClaim", &json!({"Handle": h, "UserPoolId": "us-east-1_P", "UserIdForSrp": "u", "Password": "p",
                "SrpB": "ab12", "Salt": "cd34", "SecretBlock": "AAAA"}))
            .unwrap()
        };
        assert!(claim(handle).unwrap()["Signature"].as_str().is_some());
        assert!(claim(handle).unwrap_err().message.contains("Unknown or used"));
    }
}
